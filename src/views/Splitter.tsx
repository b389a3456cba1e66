// A horizontal splitter: drag it (or focus it and press ↑ / ↓) to resize the element just above
// it; a double click gives that element its default height back. The height is clamped so that
// both sides stay usable, and reported to the owner, who remembers it.

import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface SplitterProps {
  /** The current height of the element above, null when it has its default (CSS) height. */
  height: number | null;
  /** Smallest height above, and smallest room left below it in the parent. */
  minAbove: number;
  minBelow: number;
  /** `done` is false while the pointer is still dragging. */
  onResize: (px: number, done: boolean) => void;
  onReset: () => void;
  label: string;
  testId?: string;
}

const STEP = 24;

export function Splitter({ height, minAbove, minBelow, onResize, onReset, label, testId }: SplitterProps) {
  const start = useRef<{ y: number; h: number } | null>(null);
  const self = useRef<HTMLDivElement>(null);

  const above = (): HTMLElement | null => (self.current?.previousElementSibling as HTMLElement | null) ?? null;
  const clamp = (px: number): number => {
    const parent = self.current?.parentElement;
    const max = parent ? parent.clientHeight - minBelow : Infinity;
    return Math.round(Math.max(minAbove, Math.min(max, px)));
  };
  const current = (): number => height ?? above()?.getBoundingClientRect().height ?? minAbove;

  const down = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = { y: e.clientY, h: current() };
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    const s = start.current;
    if (s) onResize(clamp(s.h + e.clientY - s.y), false);
  };
  const up = (e: PointerEvent<HTMLDivElement>) => {
    const s = start.current;
    if (!s) return;
    start.current = null;
    onResize(clamp(s.h + e.clientY - s.y), true);
  };
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? STEP * 4 : STEP;
    if (e.key === 'ArrowUp') onResize(clamp(current() - step), true);
    else if (e.key === 'ArrowDown') onResize(clamp(current() + step), true);
    else if (e.key === 'Enter' || e.key === 'Home') onReset();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={self}
      className="splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label={label}
      aria-valuenow={height ?? undefined}
      tabIndex={0}
      title={`${label}: drag to resize, double-click for the default height (↑ ↓ when focused)`}
      data-testid={testId}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={up}
      onDoubleClick={onReset}
      onKeyDown={key}
    />
  );
}
