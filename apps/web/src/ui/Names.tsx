import { Fragment } from 'react';

/**
 * Names joined with ", ", each isolated in a `<bdi>`: two Arabic or Hebrew names in a row would otherwise form one
 * right-to-left run, the second drawn first with the comma between the wrong words. An element, not the isolate
 * characters (U+2068/U+2069), so a name copied from the page pastes into a field that would refuse those.
 */
export function Names({ names }: { names: readonly string[] }) {
  return names.map((name, i) => (
    <Fragment key={i}>
      {i > 0 && ', '}
      <bdi>{name}</bdi>
    </Fragment>
  ));
}
