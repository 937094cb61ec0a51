// HTML character references, by the entities package, loaded on the first
// decode: entities builds its decoding tables (tens of KiB of base64) as it
// loads, about a millisecond that `news list` on a store of plain text never
// needs. require() rather than import(): the callers are synchronous. esbuild
// bundles the package as a module initialised on its first require; under
// vitest it is Node's require().
type Entities = typeof import('entities/decode');
let entities: Entities | undefined;
const lib = (): Entities => (entities ??= require('entities/decode') as Entities);

/** entities' decodeHTML: legacy mode, as browsers decode text. */
export const decodeHTML = (s: string): string => lib().decodeHTML(s);
/** entities' decodeHTMLAttribute: as browsers decode attribute values. */
export const decodeHTMLAttribute = (s: string): string => lib().decodeHTMLAttribute(s);
/** entities' decodeHTMLStrict: only references that end with `;`. */
export const decodeHTMLStrict = (s: string): string => lib().decodeHTMLStrict(s);
/** entities' replaceCodePoint: HTML5's substitutes for C1 controls, surrogates and 0. */
export const replaceCodePoint = (code: number): number => lib().replaceCodePoint(code);
/** entities' fromCodePoint. */
export const fromCodePoint = (code: number): string => lib().fromCodePoint(code);
