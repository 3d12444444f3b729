import { describe, expect, it } from 'vitest';
import { optionId, parseOptionId, pickedSku } from '../../src/domain/option-id';

describe('option ids', () => {
  it('reads back what it builds, in the wire format saved conversations and sent Telegram buttons already carry', () => {
    expect(optionId.add('FRU-LIM')).toBe('add:FRU-LIM');
    expect(optionId.pick('DAI-MLK-1L')).toBe('pick:DAI-MLK-1L');
    expect(optionId.placeOrder(1234)).toBe('place_order:1234');
    expect(optionId.browse('Fruit & Veg')).toBe('browse:Fruit & Veg');
    expect(optionId.plain('checkout')).toBe('checkout');
    expect(parseOptionId('add:FRU-LIM')).toEqual({ kind: 'add', sku: 'FRU-LIM' });
    expect(parseOptionId('pick:DAI-MLK-1L')).toEqual({ kind: 'pick', sku: 'DAI-MLK-1L' });
    expect(parseOptionId('place_order:1234')).toEqual({ kind: 'place_order', cents: 1234 });
    expect(parseOptionId('browse:Fruit & Veg')).toEqual({ kind: 'browse', category: 'Fruit & Veg' });
    expect(parseOptionId('change_address')).toEqual({ kind: 'plain', name: 'change_address' });
  });

  it('is not fooled by ids that are none of ours: an unknown prefix, an empty argument, a total that is no number', () => {
    for (const id of ['drop:FRU-LIM', 'add:', 'pick:', 'place_order:12.5', 'place_order:abc', 'Check out', '', 'o:checkout']) {
      expect(parseOptionId(id), id).toBeUndefined();
    }
    expect(pickedSku('pick:FRU-LIM')).toBe('FRU-LIM');
    expect(pickedSku('add:FRU-LIM')).toBeUndefined();
  });
});
