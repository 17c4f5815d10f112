/**
 * The transfer panel's way into the incomplete-uploads view: the `incomplete-uploads` command of the registry
 * (also in the File menu), so the button, the menu and its disabled reason cannot drift apart.
 */
export interface IncompleteUploadsCommand {
  /** null when it can run, else why not (the tooltip). */
  readonly reason: string | null;
  run(): void;
}

export function IncompleteUploadsButton({ command }: { command: IncompleteUploadsCommand }) {
  return (
    <button
      type="button"
      data-testid="incomplete-open"
      aria-disabled={command.reason !== null}
      title={command.reason ?? "List this bucket's incomplete multipart uploads, with their parts and size"}
      onClick={() => {
        if (command.reason === null) command.run();
      }}
    >
      Incomplete uploads…
    </button>
  );
}
