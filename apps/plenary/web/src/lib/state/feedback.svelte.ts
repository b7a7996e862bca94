// The answer to a person's last action in one panel (issue 15: old notices lingered). A confirmation stays long enough
// to read, then gives way; an error stays until the next action.
export type FeedbackTone = 'success' | 'error' | 'info';

export class Feedback {
  message = $state<{ tone: FeedbackTone; text: string } | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #fadeMs: number;

  constructor(fadeMs = 15_000) {
    this.#fadeMs = fadeMs;
  }

  show(tone: FeedbackTone, text: string): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.message = { tone, text };
    if (tone !== 'error') this.#timer = setTimeout(() => (this.message = null), this.#fadeMs);
  }

  /** A command's answer: the confirmation, or the server's refusal in its words. */
  answer(res: { ok: true } | { ok: false; error: { message: string } }, okText: string): void {
    if (res.ok) this.show('success', okText);
    else this.show('error', res.error.message);
  }
}
