// Teardown steps against Janus wait a bounded time: Janus not answering must never hold plenary's shutdown.
export async function settle(work: Promise<unknown>, ms = 3000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
