import { forwardRef, memo, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type HTMLAttributes, type ReactNode, type Ref } from 'react';
import { flushSync } from 'react-dom';
import { anchorAt, scrollTopFor, SizeIndex, type Anchor } from './virtual';

/**
 * A virtualized scroll list with measured, variable row heights.
 *
 * Only the rows in view plus `overscan` pixels are in the DOM (and any `keepKeys`, so a focused
 * row is never unmounted under the keyboard). Rows are measured with one ResizeObserver; when
 * anything above the viewport changes height (a page prepended, an image loaded) the first
 * visible row stays put. With `stick="bottom"` (chat) the list follows new rows while the user
 * is at the bottom; `stick="top"` (inbox) does the same at the top.
 */
export interface VirtualListHandle {
  /** Bring a row into view: 'auto' scrolls only as far as needed. */
  scrollToKey: (key: string, align?: 'auto' | 'start' | 'center' | 'end') => void;
  scrollToEnd: () => void;
  isAtEnd: () => boolean;
  element: () => HTMLDivElement | null;
}

export interface VirtualListProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'onScroll'> {
  keys: readonly string[];
  estimate: (key: string, index: number) => number;
  renderItem: (index: number, key: string) => ReactNode;
  /** Pixels rendered beyond each edge of the viewport. */
  overscan?: number;
  stick?: 'bottom' | 'top' | 'none';
  keepKeys?: readonly string[];
  /** Called (at most once a frame) while the viewport is within `edge` px of the start. */
  onNearStart?: () => void;
  onNearEnd?: () => void;
  /** Whether the viewport is at the end (the "Jump to latest" button shows when not). */
  onAtEndChange?: (atEnd: boolean) => void;
  edge?: number;
  /** Leading rows never used as the scroll anchor (see anchorAt). */
  anchorSkip?: number;
  /** Props for the element that holds the rows (role="feed", role="listbox"…). */
  innerProps?: HTMLAttributes<HTMLDivElement> & { [data: `data-${string}`]: string | undefined };
  innerRef?: Ref<HTMLDivElement>;
  /** Rendered inside the scroller below the rows (e.g. padding), not virtualized. */
  footer?: ReactNode;
  /**
   * Pixels of the viewport's bottom covered by something floating over it (toasts): the list can
   * scroll its last rows above it, and a revealed row stops short of it.
   */
  bottomInset?: number;
}

const AT_END_SLACK = 24;
/** Pixels beyond the viewport drawn in the first frame (the full overscan comes after it). */
const FIRST_OVERSCAN = 200;
/** Re-render when the viewport comes this close to the edge of what is rendered. */
const HYSTERESIS = 150;

export const VirtualList = memo(
  forwardRef<VirtualListHandle, VirtualListProps>(function VirtualList(
    { keys, estimate, renderItem, overscan = 700, stick = 'none', keepKeys, onNearStart, onNearEnd, onAtEndChange, edge = 600, anchorSkip = 0, innerProps, innerRef, footer, bottomInset = 0, className, style, ...rest },
    ref,
  ) {
    const scroller = useRef<HTMLDivElement | null>(null);
    const estimateRef = useRef(estimate);
    estimateRef.current = estimate;
    const index = useMemo(() => new SizeIndex((k, i) => estimateRef.current(k, i)), []);
    index.setKeys(keys);

    const s = useRef({
      scrollTop: 0,
      viewport: 0,
      atEnd: stick === 'bottom',
      atStart: true,
      anchor: null as Anchor | null,
      rendered: [0, 0] as [number, number],
      reveal: null as { key: string; align: 'auto' | 'start' | 'center' | 'end'; tries: number } | null,
      programmatic: false,
      placed: false,
      /** scrollHeight minus the rows' height (the scroller's padding), learnt in scroll events. */
      extra: 0,
      /** scrollTop was written to the DOM at least once. */
      written: false,
      /** How near the edge of what is drawn the viewport may come before the next render. */
      hysteresis: HYSTERESIS,
    }).current;
    const [, setTick] = useState(0);
    const rerender = useCallback(() => setTick((t) => (t + 1) | 0), []);
    const callbacks = useRef({ onNearStart, onNearEnd, onAtEndChange });
    callbacks.current = { onNearStart, onNearEnd, onAtEndChange };

    // A chat opens at its end: place the first range there, so the rows at the top are not
    // rendered (and measured) only to be thrown away before the first paint.
    if (!s.placed && keys.length > 0) {
      s.placed = true;
      if (stick === 'bottom' && s.scrollTop === 0) s.scrollTop = Math.max(0, index.total() - (s.viewport || 800));
    }
    // The first frame draws only what is in view (plus a little): switching conversations paints half
    // the rows, and the rest of the overscan follows right after that paint (see below).
    const [warm, setWarm] = useState(false);
    const drawnBeyond = warm ? overscan : Math.min(overscan, FIRST_OVERSCAN);
    const [start, end] = index.range(s.scrollTop, s.viewport || 800, drawnBeyond);
    s.rendered = [start, end];
    // Less than what is drawn beyond the viewport, or every render would ask for another.
    s.hysteresis = Math.min(HYSTERESIS, drawnBeyond / 2);

    const setAtEnd = (atEnd: boolean) => {
      if (atEnd === s.atEnd) return;
      s.atEnd = atEnd;
      callbacks.current.onAtEndChange?.(atEnd);
    };
    const stickNow = () => (stick === 'bottom' && s.atEnd) || (stick === 'top' && s.atStart);

    /**
     * Everything below works from the model (s.scrollTop, s.viewport, s.extra, the size index), not
     * from DOM reads: reading scrollTop or scrollHeight right after React changed the rows forces a
     * synchronous layout, and in a layout effect that ran on every scroll step it was most of a long
     * scroll's main-thread time. The DOM is read only where its layout is clean anyway: in the scroll
     * event and in ResizeObserver callbacks.
     */
    const update = useCallback(() => {
      const total = index.total() + s.extra;
      setAtEnd(s.scrollTop + s.viewport >= total - AT_END_SLACK);
      s.atStart = s.scrollTop <= 2;
      s.anchor = anchorAt(index, s.scrollTop, anchorSkip);
      if (index.count > 0) {
        if (s.scrollTop < edge) callbacks.current.onNearStart?.();
        if (total - s.scrollTop - s.viewport < edge) callbacks.current.onNearEnd?.();
      }
      // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [edge, index, s, anchorSkip]);

    /** Read where the viewport is (layout is clean in a scroll event), then tell the parent about edges. */
    const observe = useCallback(() => {
      const el = scroller.current;
      if (!el) return;
      s.scrollTop = el.scrollTop;
      s.viewport = el.clientHeight;
      // What the scroller holds beyond the rows (its padding): scrollHeight is only known here.
      s.extra = Math.max(0, el.scrollHeight - index.total());
      update();
    }, [index, s, update]);

    const needsRender = useCallback(() => {
      const [a, b] = s.rendered;
      const top = index.offsetOf(a);
      const bottom = index.offsetOf(b);
      const wantTop = Math.max(0, s.scrollTop - s.hysteresis);
      const wantBottom = Math.min(index.total(), s.scrollTop + s.viewport + s.hysteresis);
      return (a > 0 && top > wantTop) || (b < index.count && bottom < wantBottom);
    }, [index, s]);

    const onScroll = useCallback(() => {
      observe();
      if (needsRender()) rerender();
    }, [observe, needsRender, rerender]);

    /** After every render: keep the anchor (or the end) where it was, then settle any reveal. */
    useLayoutEffect(() => {
      const el = scroller.current;
      if (!el) return;
      // Once, before the ResizeObserver has reported: the only read that forces a layout here.
      if (s.viewport === 0) s.viewport = el.clientHeight;
      const total = index.total();
      const view = s.viewport;
      // What shows of the viewport, above whatever floats over its bottom.
      const clear = Math.max(0, view - bottomInset);
      let target: number | null = null;
      if (s.reveal) {
        const i = index.indexOf(s.reveal.key);
        if (i >= 0) {
          const top = index.offsetOf(i);
          const h = index.sizeAt(i);
          const align = s.reveal.align;
          if (align === 'start') target = top - 8;
          else if (align === 'end') target = top + h - clear + 8;
          else if (align === 'center') target = top + h / 2 - clear / 2;
          else if (top < s.scrollTop) target = top - 8;
          else if (top + h > s.scrollTop + clear) target = top + h - clear + 8;
          // Keep trying until the row is measured: its estimate may have been off.
          if (index.isMeasured(s.reveal.key) || ++s.reveal.tries > 3) s.reveal = null;
        } else s.reveal = null;
      } else if (stickNow()) {
        target = stick === 'bottom' ? total + s.extra - view : 0;
      } else if (s.anchor) {
        target = scrollTopFor(index, s.anchor);
      }
      if (target !== null) {
        // The inset's spacer is part of the extra once a scroll event has measured it; before, it is known.
        target = Math.max(0, Math.min(target, total + Math.max(s.extra, bottomInset) - view));
        // Only a real move writes scrollTop (a write lays the page out first, to clamp it). The first
        // one always does: s.scrollTop was only where the first range was placed, the DOM is still at 0.
        if (!s.written || Math.abs(s.scrollTop - target) > 0.5) {
          el.scrollTop = target;
          s.scrollTop = target;
          s.written = true;
        }
      }
      update();
      if (needsRender()) rerender();
    });

    useEffect(() => {
      if (warm || keys.length === 0) return;
      // After the first paint: a frame, then a task (rAF callbacks run before that frame is drawn).
      let timer: ReturnType<typeof setTimeout> | undefined;
      const raf = requestAnimationFrame(() => {
        timer = setTimeout(() => setWarm(true), 0);
      });
      return () => {
        cancelAnimationFrame(raf);
        clearTimeout(timer);
      };
    }, [warm, keys.length]);

    // One observer for the rows and the viewport.
    const resizeObserver = useMemo(() => {
      if (typeof ResizeObserver === 'undefined') return null;
      return new ResizeObserver((entries) => {
        let changed = false;
        for (const entry of entries) {
          const el = entry.target as HTMLElement;
          if (el === scroller.current) {
            // Layout is clean in a ResizeObserver callback: this read costs nothing.
            if (Math.abs(s.viewport - el.clientHeight) > 0.5) {
              s.viewport = el.clientHeight;
              changed = true;
            }
            continue;
          }
          const key = el.dataset.vkey;
          if (!key) continue;
          const size = entry.borderBoxSize?.[0]?.blockSize ?? el.getBoundingClientRect().height;
          if (index.setSize(key, size)) changed = true;
        }
        // Synchronously, so the corrected layout is what gets painted (no jump for a frame).
        if (changed) flushSync(rerender);
      });
    }, [index, rerender, s]);

    useLayoutEffect(() => {
      const el = scroller.current;
      if (el && resizeObserver) resizeObserver.observe(el);
      return () => resizeObserver?.disconnect();
    }, [resizeObserver]);

    const measure = useCallback(
      (el: HTMLDivElement | null) => {
        if (!el || !resizeObserver) return;
        resizeObserver.observe(el);
        // React 19 ref cleanup: a row that leaves the DOM is no longer watched (nor kept alive).
        return () => resizeObserver.unobserve(el);
      },
      [resizeObserver],
    );

    useImperativeHandle(
      ref,
      () => ({
        scrollToKey: (key, align = 'auto') => {
          s.reveal = { key, align, tries: 0 };
          rerender();
        },
        scrollToEnd: () => {
          const el = scroller.current;
          if (!el) return;
          s.reveal = null;
          setAtEnd(true);
          el.scrollTop = el.scrollHeight;
          s.scrollTop = el.scrollTop;
          rerender();
        },
        isAtEnd: () => s.atEnd,
        element: () => scroller.current,
      }),
      [rerender, s],
    );

    const total = index.total();
    const items: ReactNode[] = [];
    const drawn = new Set<number>();
    const draw = (i: number) => {
      if (drawn.has(i)) return;
      const key = index.keyAt(i);
      if (key === undefined) return;
      drawn.add(i);
      items.push(
        <div key={key} data-vkey={key} ref={measure} className="vrow" style={{ transform: `translateY(${index.offsetOf(i)}px)` }}>
          {renderItem(i, key)}
        </div>,
      );
    };
    for (let i = start; i < end; i++) draw(i);
    if (keepKeys) for (const k of keepKeys) {
      const i = index.indexOf(k);
      if (i >= 0) draw(i);
    }

    return (
      <div ref={scroller} className={`vlist ${className ?? ''}`} style={style} onScroll={onScroll} {...rest}>
        <div {...innerProps} ref={innerRef} className={`vlist-inner ${innerProps?.className ?? ''}`} style={{ height: total }}>
          {items}
        </div>
        {footer}
        {bottomInset > 0 && <div className="vlist-inset" style={{ height: bottomInset }} aria-hidden="true" />}
      </div>
    );
  }),
);
