import './hotkey-cue.css';
import { CircleSlash, Keyboard } from 'lucide-react';
import { useStore } from 'zustand';
import { hotkeyCues } from './hotkey-cue.ts';

/** The last hotkey's effect, at the bottom of the window for a moment (announced politely). */
export function HotkeyCue() {
  const cue = useStore(hotkeyCues, (s) => s.cue);
  return (
    <div className="hotkey-cue-region" role="status" aria-live="polite">
      {cue && (
        <p key={cue.seq} className={cue.ok ? 'hotkey-cue' : 'hotkey-cue hotkey-cue-nothing'} data-testid="hotkey-cue" data-ok={cue.ok}>
          {cue.ok ? <Keyboard className="icon" size={16} aria-hidden="true" /> : <CircleSlash className="icon" size={16} aria-hidden="true" />}
          <span>{cue.text}</span>
        </p>
      )}
    </div>
  );
}
