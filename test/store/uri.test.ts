import { describe, expect, it } from 'vitest';
import { databaseName, uriDatabase } from '../../src/store/mongo/uri';

describe('which database a MongoDB connection string names', () => {
  it.each([
    ['mongodb://localhost:27017', undefined],
    ['mongodb://localhost:27017/', undefined],
    ['mongodb://localhost/shop', 'shop'],
    ['mongodb://user:p%40ss@h1:1,h2:2/shop?replicaSet=rs0', 'shop'],
    ['mongodb://h1,h2/?replicaSet=rs0', undefined],
    ['mongodb+srv://user:secret@cluster0.example.net/probe3?retryWrites=true&w=majority', 'probe3'],
    ['mongodb://localhost/my%2Ddb', 'my-db'],
  ])('%s → %s', (uri, name) => {
    expect(uriDatabase(uri)).toBe(name);
  });

  it('MONGODB_DB wins, then the URI, then grocer', () => {
    expect(databaseName('mongodb://h/shop', 'other')).toBe('other');
    expect(databaseName('mongodb://h/shop')).toBe('shop');
    expect(databaseName('mongodb://h')).toBe('grocer');
    expect(databaseName('mongodb://h/?directConnection=true')).toBe('grocer');
  });
});
