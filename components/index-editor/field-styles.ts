/** The look of the editor's text inputs, in one place so every field lines up. */
export const INPUT_CLASS =
  'rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-xs text-zinc-900 shadow-xs placeholder:text-zinc-600 focus:border-indigo-500 disabled:bg-zinc-100 disabled:text-zinc-600';

/** Added to an input whose value the push would refuse. */
export const INVALID_INPUT_CLASS = 'border-red-500 bg-red-50';

/** Text colour of a message by severity. */
export const SEVERITY_TEXT: Record<'error' | 'warning' | 'info', string> = {
  error: 'text-red-700',
  warning: 'text-amber-800',
  info: 'text-zinc-600',
};
