import { NETWORK_NAMES, type Network } from '../../../shared/domain/networks';
import './identity.css';

/** A glyph per network, drawn on its brand colour (set in identity.css by data-network). */
function Glyph({ network }: { network: Network }) {
  switch (network) {
    case 'genesys':
      return <path d="M16.5 8.2A5.5 5.5 0 1 0 17.5 12h-5" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />;
    case 'whatsapp':
      return (
        <>
          <path d="M6.2 17.8 7 15a6 6 0 1 1 2.2 2.1z" fill="none" stroke="currentColor" strokeWidth="1.9" strokeLinejoin="round" />
          <path d="M10 9.5c.3 1.8 1.6 3.3 3.5 4" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
        </>
      );
    case 'linkedin':
      return <path d="M8 10.5V17M8 7.2v.1M11.5 17v-6.5M11.5 13.2c0-1.6 1-2.7 2.4-2.7s2.1.9 2.1 2.6V17" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />;
    case 'slack':
      return <path d="M10 6v12M14 6v12M6 10h12M6 14h12" fill="none" stroke="currentColor" strokeWidth="2.1" strokeLinecap="round" />;
    case 'telegram':
      return <path d="M5.5 11.6 18 6.5l-2.1 11-4-3.1-2.2 2.1.3-3.4 5.3-4.8-6.5 4z" fill="currentColor" />;
    case 'instagram':
      return (
        <>
          <rect x="6" y="6" width="12" height="12" rx="3.6" fill="none" stroke="currentColor" strokeWidth="1.9" />
          <circle cx="12" cy="12" r="2.8" fill="none" stroke="currentColor" strokeWidth="1.9" />
          <circle cx="15.6" cy="8.5" r="0.9" fill="currentColor" />
        </>
      );
    case 'messenger':
      return <path d="M6.5 14.5 10 10.5l2.5 2 4.5-3.5-3.5 4-2.5-2z" fill="currentColor" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />;
    case 'x':
      return <path d="M7 6.5l10 11M17 6.5l-10 11" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />;
  }
}

export function NetworkIcon({ network, size = 16, title }: { network: Network; size?: number; title?: string }) {
  const label = title ?? NETWORK_NAMES[network];
  // An empty title means decorative: the label is said by the element around it.
  const a11y = label ? { role: 'img', 'aria-label': label, title: label } : { 'aria-hidden': true as const };
  return (
    <span className="net-icon" data-network={network} style={{ width: size, height: size }} {...a11y}>
      <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
        <Glyph network={network} />
      </svg>
    </span>
  );
}
