import type { RendererApi } from '../../shared/ipc';

export function App({ api }: { api: RendererApi }) {
  void api;
  return <main data-testid="app">S3 Desk</main>;
}
