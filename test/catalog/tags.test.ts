import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG, loadCatalog, toProduct } from '../../src/catalog/load';
import { judge } from '../../src/domain/tags';

// Tags in the catalog file: read, checked, and what the bundled catalog marks (only what is plainly so).
describe('tags in the catalog file', () => {
  it('the bundled catalog marks fresh produce vegan, the nuts as nuts and the bread as containing gluten; crisps and honey are left unmarked', () => {
    const products = new Map(loadCatalog(BUNDLED_CATALOG).map(toProduct).map((p) => [p.sku, p]));
    expect(products.get('FRU-BAN')?.tags).toEqual(['vegan', 'gluten-free', 'nut-free']);
    expect(judge(products.get('SNA-NUT-MIX')?.tags, 'contains-nuts').answer).toBe('yes');
    expect(judge(products.get('BAK-BAG')?.tags, 'gluten-free')).toEqual({ answer: 'no', because: 'contains-gluten' });
    expect(judge(products.get('SNA-CRI-SAL')?.tags, 'nut-free').answer).toBe('unknown');
    expect(products.get('PAN-HON')?.tags).toBeUndefined();
  });

  it('a file with an unknown tag is refused at start-up, naming the product\'s place and the known tags', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tags-'));
    const file = join(dir, 'catalog.json');
    writeFileSync(file, JSON.stringify([{ sku: 'A-1', name: 'Tofu', price: 2, unit: 'each', stock: 3, category: 'Chilled', tags: ['vegan', 'high-protein'] }]));
    expect(() => loadCatalog(file)).toThrow(/0\.tags.*"high-protein" is not a tag we know; the tags are vegan, vegetarian/);
  });
});
