import { words } from './text';

/**
 * Small talk read by coverage, not by whole-message patterns: a message is a thanks, a goodbye, a greeting or
 * a wish to check out when it holds at least one word that says so and every other word is one people say
 * around it. "ok thank you so much, have a good day" and "cheers mate, catch ya later" are thanks; "thanks,
 * and add milk" is not (milk is not small talk).
 */

/** Words said around small talk, meaning nothing on their own. */
const AROUND = new Set([
  'ok', 'okay', 'k', 'oh', 'ah', 'um', 'uh', 'erm', 'so', 'well', 'right', 'alright', 'yeah', 'yes', 'yep', 'great', 'lovely', 'perfect',
  'brilliant', 'awesome', 'cool', 'nice', 'good', 'fab', 'fantastic', 'wonderful', 'amazing', 'excellent', 'superb', 'sweet', 'ace',
  'mate', 'love', 'dear', 'hun', 'pal', 'buddy', 'bro', 'sis', 'ji', 'sir', 'madam', 'maam', "ma'am", 'guys', 'all', 'folks', 'x', 'xx', 'xxx',
  'so', 'very', 'much', 'a', 'lot', 'lots', 'heaps', 'loads', 'again', 'for', 'the', 'your', 'you', 'u', 'ya', 'yer', 'ur', 'that', "that's",
  'thats', 'this', 'is', 'it', "it's", 'its', 'was', 'been', 'have', 'has', 'a', 'an', 'day', 'night', 'evening', 'weekend', 'one', 'blessed',
  'lovely', 'help', 'helping', 'helpful', 'really', 'truly', 'kindly', 'kind', 'indeed', 'just', 'now', 'then', 'for', 'now', 'all', 'i', 'we',
  'me', 'my', 'our', "i'm", 'im', 'am', 'are', 'be', 'will', 'and', 'too', 'as', 'well', 'to', 'with', 'everything', 'lol', 'haha', 'bless',
  'god', 'soon', 'later', 'take', 'care', 'see', 'talk', 'speak', 'catch', 'chat', 'there', 'here', 'appreciated', 'appreciate', 'of', 'in',
  'on', 'at', 'from', 'sorted', 'done', 'ta-ra', 'ra', 'please', 'pls', 'no', 'worries', 'problem', 'probs', 'again', 'nice', 'one', 'cheers',
  'looking', 'forward', 'it', 'obliged', 'much', 'grateful', 'awesome', 'folks', 'team', 'shop', 'store', 'grocer', 'again', 'today', 'tonight',
  'ever', 'legend', 'champ', 'champion', 'star', 'hero', 'gem', 'youre', "you're", 'us', 'lot', 'for now', 'problem', 'all',
]);

const THANKS = new Set(['thanks', 'thank', 'thx', 'thnx', 'thanx', 'tnx', 'ty', 'tysm', 'ta', 'cheers', 'bye', 'goodbye', 'byee', 'byeee',
  'cya', 'ciao', 'ttyl', 'later', 'appreciate', 'appreciated', 'grateful', 'obliged', 'gracias', 'merci', 'dhanyavad', 'shukriya', 'goodnight', 'tata', 'ta-ra',
  // "no worries", "no problem": said back like thanks.
  'worries', 'probs', 'bother']);

const GREETINGS = new Set(['hi', 'hello', 'hey', 'heya', 'heyy', 'heyyy', 'hiya', 'hii', 'hiii', 'howdy', 'yo', 'hola', 'namaste', 'namaskar',
  "g'day", 'gday', 'gidday', 'kia', 'ora', 'morning', 'afternoon', 'evening', 'greetings', 'salaam', 'aloha', 'sup', 'wassup', 'hallo', 'hullo', 'oi']);
/** Said around a greeting: "hello? is this the grocery store?", "hey, returning customer here". */
const GREETING_AROUND = new Set(['good', 'there', 'is', 'this', 'the', 'grocery', 'groceries', 'store', 'shop', 'place', 'right', 'number', 'grocer', 'grocers', 'anyone', 'anybody',
  'returning', 'customer', 'new', 'here', 'again', 'how', 'are', 'you', 'u', 'doing', "how's", 'it', 'going', 'all', 'mate', 'folks', 'team',
  'um', 'uh', 'oh', 'hi', 'ok', 'okay', 'so', 'just', 'me', "it's", 'its', 'only', 'yeah', 'well', 'back', 'am', 'i', "i'm", 'im', 'a', 'there']);

function covered(said: string[], strong: ReadonlySet<string>, around: ReadonlySet<string>, most = 14): boolean {
  return said.length > 0 && said.length <= most && said.some((w) => strong.has(w)) && said.every((w) => strong.has(w) || around.has(w));
}

const plainWords = (text: string) => words(text.replace(/[.!?,;:()"]+/g, ' ')).map((w) => w.replace(/^'+|'+$/g, ''));

/** "thanks, bye!", "cheers mate, catch ya later", "ta very much", "much obliged, dear". */
export function saysThanks(text: string): boolean {
  return covered(plainWords(text), THANKS, AROUND);
}

/** "g'day", "heyy", "hello? is this the grocery store?", "hey, returning customer here". */
export function saysHello(text: string): boolean {
  return covered(plainWords(text), GREETINGS, GREETING_AROUND, 10);
}

const YES = new Set(['yes', 'yeah', 'yea', 'yep', 'yup', 'ya', 'yah', 'aye', 'sure', 'ok', 'okay', 'k', 'kk', 'alright', 'correct', 'confirm',
  'confirmed', 'absolutely', 'definitely', 'certainly', 'course', 'perfect', 'spot', 'haan', 'ha', 'han', 'ji', 'theek', 'yess', 'yesss', 'yas',
  'affirmative', 'righto', 'rightio', 'sweet', 'bingo', 'exactly', 'fine', 'good', 'great', 'lovely', 'looks', 'sounds', 'go', 'send', 'proceed',
  'ye', 'yeh', 'yeap', 'yessir']);
const YES_AROUND = new Set(['please', 'pls', 'it', 'that', 'then', 'on', 'ahead', 'for', 'of', 'thanks', 'thank', 'you', 'cheers', 'mate', 'love',
  'just', 'all', 'the', 'way', 'i', 'am', "i'm", 'im', "that's", 'thats', 'is', 'me', 'to', 'as', 'all', 'looks', 'correct', 'right', 'good', 'do',
  'place', 'order', 'my', 'we', 'can', 'now', 'ji', 'hai', 'ha', 'through', 'a', 'go', 'very', 'much', 'everything', 'sounds', 'lgtm', 'its', "it's",
  // "yep too easy", "yes please, thank you so much", "yes kindly place it".
  'so', 'too', 'easy', 'kindly', 'dear', 'thankyou', 'ty',
  // "yes please let me know", "yes, text me", "sure thing", "yes add it", "ok thx": a yes to telling or adding.
  'let', 'know', 'tell', 'text', 'message', 'add', 'thing', 'thx']);
const NO = new Set(['no', 'nope', 'nah', 'naa', 'nay', 'not', 'wait', 'hold', 'hang', 'stop', 'nahi', 'na', 'negative', "don't", 'dont']);
const NO_AROUND = new Set(['yet', 'on', 'a', 'sec', 'second', 'minute', 'moment', 'thanks', 'thank', 'you', 'please', 'pls', 'just', 'um', 'uh',
  'oh', 'no', 'yeah', 'not', 'now', 'mate', 'sorry', 'actually', 'hmm', 'ji', 'it', 'that', 'then', 'bit', 'wait', 'off', 'place', 'yet',
  // "no thx", "no need", "don't bother", "no ty".
  'thx', 'ty', 'need', 'bother']);

/** A yes to a yes/no question, said any way: "spot on", "haan ji, confirm", "yes that all looks correct", "yup send it". */
export function saysYes(text: string): boolean {
  const said = plainWords(text);
  if (said.some((w) => NO.has(w))) return false;
  return covered(said, YES, YES_AROUND, 8) && said.some((w) => !YES_AROUND.has(w) || w === 'correct' || w === 'right');
}

/** A no, or "not yet": "nope not yet", "uh no wait", "no, hold on", "yeah nah, hold on a sec". */
export function saysNo(text: string): boolean {
  const said = plainWords(text);
  // "yeah nah" is Australian for no.
  const rest = said.filter((w, i) => !(w === 'yeah' && said[i + 1] === 'nah'));
  return covered(rest, NO, NO_AROUND, 8);
}
