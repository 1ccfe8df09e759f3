import { Decoder, Encoder } from 'socket.io-parser';

/** How deeply a socket message's JSON may nest: Seatfold's own messages stay under 10. */
export const MAX_NESTING = 32;

/**
 * Whether JSON text nests arrays and objects at most `limit` deep, read in one pass without parsing (brackets inside
 * strings do not count).
 */
export function nestsWithin(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return false;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return true;
}

/**
 * socket.io's decoder with one check before JSON.parse: a message nesting deeper than MAX_NESTING is not parsed, and
 * socket.io closes its connection as for any message it cannot read. Deep nesting costs JSON.parse ~20 times more per
 * byte than flat data: 3.8 MB of brackets held the server's thread 0.2–0.7 s a message, and thirty of them, from one
 * address, ~22 s (a probe). The pass costs a few ms for the largest message allowed.
 */
class ShallowDecoder extends Decoder {}
// tryParse is the decoder's one JSON.parse (private in its types, a plain method at run time): false is "not JSON".
(ShallowDecoder.prototype as unknown as { tryParse(text: string): unknown }).tryParse = function (text: string): unknown {
  if (!nestsWithin(text, MAX_NESTING)) return false;
  try {
    return JSON.parse(text);
  } catch {
    return false;
  }
};

/** The parser for socket.io's server (`parser` option): its own encoder, the decoder above. */
export const socketParser = { Encoder, Decoder: ShallowDecoder };
