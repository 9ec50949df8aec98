// Tells a log list's component whether the reader has scrolled away from the top, where new rows arrive, so they
// can wait instead of moving the rows being read.
const awayBeyond = 40; // pixels: about one row
const listeners = new WeakMap();

export function watch(element, component) {
    let away = element.scrollTop > awayBeyond;
    const onScroll = () => {
        const now = element.scrollTop > awayBeyond;
        if (now !== away) {
            away = now;
            component.invokeMethodAsync('OnScrolledAway', now);
        }
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    listeners.set(element, onScroll);
}

export function unwatch(element) {
    const onScroll = listeners.get(element);
    if (onScroll) {
        element.removeEventListener('scroll', onScroll);
        listeners.delete(element);
    }
}

export function toTop(element) {
    element.scrollTop = 0;
}
