/** How questions reach a person. Injected, so prompts are tested without a terminal. */
export interface Prompter {
  text(message: string, defaultValue: string, validate: (value: string) => string | undefined): Promise<string>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  select(message: string, choices: readonly { value: string; label: string }[], defaultValue: string): Promise<string>;
}

/** The terminal prompter (inquirer), loaded only when a terminal is attached. */
export async function terminalPrompter(): Promise<Prompter> {
  const [{ default: input }, { default: confirm }, { default: select }] = await Promise.all([
    import("@inquirer/input"),
    import("@inquirer/confirm"),
    import("@inquirer/select"),
  ]);
  return {
    text: (message, defaultValue, validate) =>
      input({ message, default: defaultValue, validate: (value) => validate(value) ?? true }),
    confirm: (message, defaultValue) => confirm({ message, default: defaultValue }),
    select: (message, choices, defaultValue) =>
      select({ message, default: defaultValue, choices: choices.map((c) => ({ value: c.value, name: c.label })) }),
  };
}

/** Inquirer reports Ctrl-C as a rejected prompt with this name. */
export function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && error.name === "ExitPromptError";
}
