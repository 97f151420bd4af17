import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageId } from '../../../../shared/domain/ids';
import type { Attachment } from '../../../../shared/domain/model';
import { setApiForTests } from '../../platform';
import { useStore } from '../../store';
import { fakeBackend } from '../../testing/fakeBackend';
import { downloadAttachment } from './attachments';

const initial = useStore.getState();
const file: Attachment = { id: 'att-1', kind: 'file', name: 'Invoice.pdf', mimeType: 'application/pdf', size: 3 };
let clicked: string[];

beforeEach(() => {
  useStore.setState(initial, true);
  setApiForTests(fakeBackend({ 'attachments:get': () => ({ name: 'Invoice.pdf', mimeType: 'application/pdf', size: 3, base64: btoa('pdf') }) }));
  clicked = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this.download);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  setApiForTests(undefined);
  Reflect.deleteProperty(navigator, 'userActivation');
});

const setActivation = (isActive: boolean) => Object.defineProperty(navigator, 'userActivation', { value: { isActive }, configurable: true });

describe('downloading an attachment', () => {
  it('saves at once while the click still counts as the user’s', async () => {
    setActivation(true);
    await downloadAttachment('u:m1' as MessageId, file);
    expect(clicked).toEqual(['Invoice.pdf']);
    expect(useStore.getState().toasts).toEqual([]);
  });

  it('offers a Save button when the file arrived after the click stopped counting, instead of failing silently', async () => {
    setActivation(false);
    await downloadAttachment('u:m2' as MessageId, file);
    expect(clicked).toEqual([]);
    const [toast] = useStore.getState().toasts;
    expect(toast?.message).toBe('Invoice.pdf is ready.');
    toast!.action!.run();
    expect(clicked).toEqual(['Invoice.pdf']);
  });

  it('says the file arrived damaged when its bytes are not base64, instead of throwing out of the click', async () => {
    setActivation(true);
    setApiForTests(fakeBackend({ 'attachments:get': () => ({ name: 'Invoice.pdf', mimeType: 'application/pdf', size: 3, base64: '%%% not base64 %%%' }) }));
    await expect(downloadAttachment('u:m3' as MessageId, file)).resolves.toBeUndefined();
    expect(clicked).toEqual([]);
    expect(useStore.getState().toasts.map((t) => t.message)).toEqual(['Could not download Invoice.pdf: the file arrived damaged']);
  });
});
