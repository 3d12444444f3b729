/**
 * Other words for the same groceries, across British, American, Indian and Australian English and the
 * shorthand people text. A store names a product one way ("Semi-Skimmed Milk", "Kitchen Roll", "Toor Dal")
 * and rarely types every alias; these are tried only when the words as said name nothing, so a store's own
 * names always win ("chips" is the catalog's chips if it sells any).
 *
 * Each group is one meaning; a phrase of a group may stand for any other of the group.
 */
const GROUPS: string[][] = [
  ['oj', 'orange juice'],
  ['toilet paper', 'toilet roll', 'toilet tissue', 'loo roll', 'tp', 'bog roll'],
  ['kitchen roll', 'kitchen towel', 'kitchen paper', 'paper towel', 'paper towels'],
  ['washing up liquid', 'dish soap', 'dishwashing liquid', 'dish liquid', 'fairy liquid'],
  ['washing powder', 'laundry detergent', 'laundry powder'],
  ['washing liquid', 'laundry liquid', 'liquid detergent'],
  ['fabric conditioner', 'fabric softener'],
  ['bin bags', 'bin liners', 'trash bags', 'garbage bags', 'rubbish bags'],
  ['cling film', 'plastic wrap', 'saran wrap', 'glad wrap', 'clingfilm'],
  ['foil', 'tin foil', 'tinfoil', 'aluminium foil', 'aluminum foil'],
  ['tissues', 'kleenex', 'facial tissues'],
  ['nappies', 'diapers', 'nappy', 'diaper'],
  ['beef mince', 'ground beef', 'minced beef', 'mince', 'keema'],
  ['courgette', 'zucchini'],
  ['aubergine', 'eggplant', 'brinjal'],
  ['coriander', 'cilantro', 'dhania'],
  ['rocket', 'arugula'],
  ['spring onions', 'scallions', 'green onions'],
  ['biscuits', 'cookies', 'bickies'],
  ['crisps', 'chips', 'potato chips'],
  ['oven chips', 'fries', 'french fries', 'frozen chips'],
  ['sweets', 'candy', 'lollies'],
  ['jam', 'jelly'],
  ['ketchup', 'tomato sauce', 'catsup'],
  ['sausages', 'bangers', 'snags'],
  ['potatoes', 'spuds', 'taters', 'aloo'],
  ['tomatoes', 'toms', 'tamatar'],
  ['onions', 'pyaz', 'pyaaz'],
  ['avocados', 'avos'],
  ['sweet potatoes', 'kumara', 'yams'],
  ['prawns', 'shrimp'],
  ['chickpeas', 'garbanzo beans', 'garbanzos', 'chana'],
  ['lentils', 'dal', 'daal', 'dhal'],
  ['chapatti flour', 'atta', 'chapati flour', 'roti flour'],
  ['plain flour', 'all purpose flour', 'maida'],
  ['yogurt', 'yoghurt', 'curd', 'dahi'],
  ['cottage cheese', 'paneer'],
  ['peppers', 'capsicums', 'bell peppers', 'capsicum'],
  ['double cream', 'heavy cream', 'whipping cream'],
  ['single cream', 'light cream'],
  ['whole milk', 'full fat milk', 'full cream milk', 'blue milk'],
  ['semi skimmed milk', 'semi skimmed', 'semi', '2 percent milk', '2% milk', 'green milk'],
  ['skimmed milk', 'skim milk', 'fat free milk', 'red milk'],
  ['icing sugar', 'powdered sugar', 'confectioners sugar'],
  ['caster sugar', 'superfine sugar'],
  ['bicarbonate of soda', 'baking soda', 'bicarb'],
  ['fizzy water', 'sparkling water', 'soda water'],
  ['still water', 'mineral water', 'bottled water'],
  ['soft drinks', 'fizzy drinks', 'soda', 'pop'],
  ['coke', 'coca cola', 'cola'],
  ['weetabix', 'weet bix', 'weetbix'],
  ['cornflakes', 'corn flakes'],
  ['ice cream', 'icecream'],
  ['porridge oats', 'oats', 'oatmeal', 'porridge'],
  ['ham', 'gammon'],
  ['bacon', 'rashers'],
  ['mangetout', 'snow peas'],
  ['swede', 'rutabaga'],
  ['beetroot', 'beets'],
  ['pak choi', 'bok choy'],
  ['chilli', 'chili', 'chillies', 'chilies'],
  ['white wine', 'sav', 'sav blanc', 'savvy b'],
  ['stock cubes', 'bouillon cubes', 'stock pots'],
  ['plasters', 'band aids', 'bandaids'],
  ['loaf', 'bread'],
  // Split, joined or misheard as speech-to-text writes them: "rib eye stakes", "water melon", "serial".
  ['ribeye', 'rib eye', 'rib-eye'],
  ['steak', 'stake'],
  ['steaks', 'stakes'],
  ['watermelon', 'water melon'],
  ['pineapple', 'pine apple'],
  ['cereal', 'serial'],
  ['flour', 'flower'],
  ['pears', 'pairs'],
  ['leeks', 'leaks'],
];

/** Phrase → the other phrases of its group. */
const OTHERS = new Map<string, string[]>();
for (const group of GROUPS) for (const phrase of group) OTHERS.set(phrase, group.filter((p) => p !== phrase));
const LONGEST = Math.max(...GROUPS.flat().map((p) => p.split(' ').length));

/**
 * The message's words said other ways: each run of words that is a phrase of a group, replaced in turn by
 * each other phrase of its group. Bounded: at most `limit` variants.
 */
export function saidOtherWays(said: readonly string[], limit = 12): string[][] {
  const out: string[][] = [];
  for (let at = 0; at < said.length && out.length < limit; at += 1) {
    for (let len = Math.min(LONGEST, said.length - at); len >= 1; len -= 1) {
      const others = OTHERS.get(said.slice(at, at + len).join(' '));
      if (!others) continue;
      for (const other of others) {
        if (out.length >= limit) break;
        out.push([...said.slice(0, at), ...other.split(' '), ...said.slice(at + len)]);
      }
      break;
    }
  }
  return out;
}
