/** One statement of a page that disagrees with the contract. */
export interface Finding {
  file: string;
  line: number;
  /** Which check found it: `json`, `endpoint`, `link`, `enum`, `header`, `scope`, `status`, `error-code`, `parameters`, `lifecycle`. */
  rule: string;
  /** What the page says and what the contract says instead. */
  message: string;
}

export type Report = (line: number, rule: string, message: string) => void;

export const list = (values: readonly string[]): string => values.map((v) => `\`${v}\``).join(', ');
