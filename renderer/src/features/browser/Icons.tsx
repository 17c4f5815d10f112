/** Small inline SVG icons (no icon font, no network, CSP-safe). Colours come from CSS variables. */
export function FolderIcon() {
  return (
    <svg className="icon icon-folder" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path d="M1.5 3.5h4.2l1.5 1.5h7.3v7.5a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1z" />
    </svg>
  );
}

export function FileIcon() {
  return (
    <svg className="icon icon-file" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path d="M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3" />
    </svg>
  );
}

export function BucketIcon() {
  return (
    <svg className="icon icon-bucket" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path d="M2 4h12l-1.5 9.5h-9z M2 4c0-1.2 2.7-2 6-2s6 .8 6 2" />
    </svg>
  );
}
