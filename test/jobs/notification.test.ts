import { describe, expect, it } from 'vitest';
import { parseNotification } from '../../src/jobs/notification';

describe('a notify job read back from Redis', () => {
  it('keeps each reply’s key and its options with their ids', () => {
    const n = parseNotification({ phone: '+12025550123', replies: [{ key: 'cart', text: 'Your cart…', options: [{ id: 'checkout', label: 'Check out' }] }] });
    expect(n.replies).toEqual([{ key: 'cart', text: 'Your cart…', options: [{ id: 'checkout', label: 'Check out' }] }]);
  });

  it('still reads jobs queued before replies had keys and options had ids: the label stands in', () => {
    const n = parseNotification({ phone: '+12025550123', replies: [{ text: 'Shall I?', options: ['Yes', 'No'] }] });
    expect(n.replies).toEqual([{ key: 'notification', text: 'Shall I?', options: [{ id: 'Yes', label: 'Yes' }, { id: 'No', label: 'No' }] }]);
    expect(parseNotification({ phone: '+12025550123', text: 'Order ready' }).replies).toEqual([{ key: 'notification', text: 'Order ready' }]);
  });
});

describe('a staff message read back from Redis', () => {
  it('keeps who of the staff wrote it, so the transcript names them', () => {
    const n = parseNotification({ id: 'n-1', phone: '+12025550123', replies: [{ key: 'notification', text: 'Hi Sam, Maria here.' }], record: 'staff', by: 'Maria Lopez' });
    expect(n).toMatchObject({ record: 'staff', by: 'Maria Lopez' });
  });
});
