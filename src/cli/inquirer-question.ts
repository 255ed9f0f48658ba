// Our Question → an Inquirer question for Yeoman's adapter (this.prompt), answered as `value`.
import type { Question } from './prompts.js';

export const ANSWER = 'value';

export function toInquirerQuestion(question: Question): Record<string, unknown> {
  // Show every choice at once (Inquirer pages after 7: the trigger list has 10).
  const pageSize = 'choices' in question ? { pageSize: Math.min(Math.max(question.choices.length, 7), 20) } : {};
  if (question.type === 'checkbox') {
    const { validate, ...rest } = question;
    return {
      ...rest,
      ...pageSize,
      name: ANSWER,
      // Inquirer's checkbox validates the chosen items, not their values.
      ...(validate ? { validate: (items: readonly { value: string }[]) => validate(items.map((item) => item.value)) } : {}),
    };
  }
  return { ...question, ...pageSize, name: ANSWER };
}
