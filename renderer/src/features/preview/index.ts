/** The preview feature's public surface: the pane, its store, the kind of a key, and edit sessions' questions. */
export { PreviewPane, type PreviewPaneProps } from './PreviewPane';
export { createPreviewStore, type PreviewApi, type PreviewPlace, type PreviewStore } from './preview-store';
export { previewKind, type PreviewKind } from './preview-kind';
export { createEditsStore, type EditsApi, type EditsStore } from './edits-store';
export { EditConflictDialog } from './EditConflictDialog';
export { EditsButton } from './EditsButton';
