/** Bodies above this many bytes are written a slice at a time. */
export const SLICE_BYTES = 128 * 1024;

/**
 * A body that does not hold the thread while it is written. Written whole, a big answer (a 20,000-guest plan's page
 * or state is several MB, an export or a print more) is copied into the socket in one go, and on loopback or a fast
 * link the kernel takes it all at once: twenty page loads at once held every other plan's commands ~50–110 ms. In
 * slices, each one after a turn of the event loop, other work goes in between, and the stream waits for the socket
 * to drain as any stream does. The bytes are not copied (slices are views). Callers set content-length themselves.
 */
export function slicedBody(bytes: Uint8Array): Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array<ArrayBuffer>> {
  const whole = bytes as Uint8Array<ArrayBuffer>;
  if (whole.byteLength <= SLICE_BYTES) return whole;
  let at = 0;
  return new ReadableStream<Uint8Array<ArrayBuffer>>(
    {
      async pull(controller) {
        if (at > 0) await new Promise<void>((resolve) => setImmediate(resolve));
        const end = Math.min(at + SLICE_BYTES, whole.byteLength);
        controller.enqueue(whole.subarray(at, end));
        at = end;
        if (at === whole.byteLength) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}
