import { useEffect, useState } from 'react';

/**
 * Wall-clock time that ticks once a second, on the second. The only timer the views run: the clock and the
 * data ages in the header change with it; nothing else redraws while the rack is quiet.
 */
export function useNow(enabled = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    let timer: NodeJS.Timeout;
    const schedule = () => {
      timer = setTimeout(() => {
        setNow(Date.now());
        schedule();
      }, 1000 - (Date.now() % 1000) + 5);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [enabled]);
  return now;
}
