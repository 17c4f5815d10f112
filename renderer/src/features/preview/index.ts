/** The preview feature's public surface: the pane, its store and the kind of a key. */
export { PreviewPane, type PreviewPaneProps } from './PreviewPane';
export { createPreviewStore, type PreviewApi, type PreviewPlace, type PreviewStore } from './preview-store';
export { previewKind, type PreviewKind } from './preview-kind';
