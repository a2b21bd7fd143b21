package org.attentionworkbench.compute.models.bert;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's tokenizer as HF {@code tokenizer.json} describes it: added tokens ([MASK], [SEP], ...) kept
 * whole, BertNormalizer (clean text, pad CJK, strip accents, lowercase), BertPreTokenizer
 * (whitespace and punctuation), WordPiece (greedy longest match, "##" continuation), longest-first
 * truncation, then the [CLS] A [SEP] (B [SEP]) template. No padding, by design, whatever the file
 * asks: the views want the real tokens only. Checked token for token against HF tokenizers (Rust).
 */
public final class WordPieceTokenizer {
    private final Map<String, Integer> vocab;
    private final String[] idToToken;
    private final boolean lowercase;
    private final boolean stripAccents;
    private final boolean cleanText;
    private final boolean chineseChars;
    private final String unk;
    private final String prefix;
    private final int maxCharsPerWord;
    private final int maxLength;
    private final List<AddedToken> added; // matched in the text before the model sees it

    /**
     * A tokenizer.json {@code added_tokens} entry ([CLS], [MASK], ...): found verbatim in the input
     * and kept whole. {@code normalized} ones are matched in the normalised text, others in the raw
     * text; lstrip/rstrip swallow whitespace beside a match; single_word needs word boundaries.
     */
    record AddedToken(String content, int id, boolean normalized, boolean lstrip, boolean rstrip, boolean singleWord) {}

    /** Token ids, type ids and the token strings of one encoded input. */
    public record Encoding(int[] ids, int[] typeIds, List<String> tokens) {
        public int length() {
            return ids.length;
        }
    }

    private WordPieceTokenizer(Map<String, Integer> vocab, boolean lowercase, boolean stripAccents, boolean cleanText,
            boolean chineseChars, String unk, String prefix, int maxCharsPerWord, int maxLength,
            List<AddedToken> added) {
        this.vocab = vocab;
        int max = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        this.idToToken = new String[max + 1];
        vocab.forEach((t, id) -> idToToken[id] = t);
        this.lowercase = lowercase;
        this.stripAccents = stripAccents;
        this.cleanText = cleanText;
        this.chineseChars = chineseChars;
        this.unk = unk;
        this.prefix = prefix;
        this.maxCharsPerWord = maxCharsPerWord;
        this.maxLength = maxLength;
        // normalised tokens are looked for in normalised text, so their content is normalised too
        this.added = added.stream().map(t -> t.normalized()
                ? new AddedToken(normalize(t.content()), t.id(), true, t.lstrip(), t.rstrip(), t.singleWord()) : t)
                .filter(t -> !t.content().isEmpty()).toList();
        added.forEach(t -> vocab.putIfAbsent(t.content(), t.id()));
    }

    /** Reads a HF tokenizer.json with a WordPiece model; {@code name} is used in error messages. */
    public static WordPieceTokenizer load(InputStream json, String name) throws IOException {
        try {
            JsonObject root = JsonParser.parseReader(new InputStreamReader(json, StandardCharsets.UTF_8)).getAsJsonObject();
            JsonObject model = root.getAsJsonObject("model");
            if (model == null || !"WordPiece".equals(str(model, "type", ""))) {
                throw new IOException(name + ": not a WordPiece tokenizer.json (model.type must be WordPiece)");
            }
            Map<String, Integer> vocab = new HashMap<>();
            for (Map.Entry<String, JsonElement> e : model.getAsJsonObject("vocab").entrySet()) {
                vocab.put(e.getKey(), e.getValue().getAsInt());
            }
            JsonObject norm = root.has("normalizer") && root.get("normalizer").isJsonObject()
                    ? root.getAsJsonObject("normalizer") : new JsonObject();
            boolean lower = bool(norm, "lowercase", true);
            // strip_accents null means "follow lowercase", as in the original BERT
            boolean strip = norm.has("strip_accents") && !norm.get("strip_accents").isJsonNull()
                    ? norm.get("strip_accents").getAsBoolean() : lower;
            int maxLength = 512;
            if (root.has("truncation") && root.get("truncation").isJsonObject()) {
                maxLength = root.getAsJsonObject("truncation").get("max_length").getAsInt();
            }
            List<AddedToken> added = new ArrayList<>();
            if (root.has("added_tokens") && root.get("added_tokens").isJsonArray()) {
                for (JsonElement e : root.getAsJsonArray("added_tokens")) {
                    JsonObject t = e.getAsJsonObject();
                    added.add(new AddedToken(t.get("content").getAsString(), t.get("id").getAsInt(),
                            bool(t, "normalized", false), bool(t, "lstrip", false), bool(t, "rstrip", false),
                            bool(t, "single_word", false)));
                }
            }
            return new WordPieceTokenizer(vocab, lower, strip, bool(norm, "clean_text", true),
                    bool(norm, "handle_chinese_chars", true), str(model, "unk_token", "[UNK]"),
                    str(model, "continuing_subword_prefix", "##"),
                    model.has("max_input_chars_per_word") ? model.get("max_input_chars_per_word").getAsInt() : 100,
                    maxLength, added);
        } catch (JsonParseException | IllegalStateException | ClassCastException | NullPointerException e) {
            throw new IOException(name + ": malformed tokenizer.json: " + e.getMessage(), e);
        }
    }

    public int maxLength() {
        return maxLength;
    }

    public int vocabSize() {
        return idToToken.length;
    }

    public String token(int id) {
        return id >= 0 && id < idToToken.length && idToToken[id] != null ? idToToken[id] : unk;
    }

    /** [CLS] text [SEP], truncated to the tokenizer's max length. */
    public Encoding encode(String text) {
        return encode(text, null);
    }

    /** [CLS] a [SEP] b [SEP] when b is given (type ids 0 then 1), longest-first truncation. */
    public Encoding encode(String a, String b) {
        List<String> ta = wordPieces(a);
        List<String> tb = b == null ? null : wordPieces(b);
        truncate(ta, tb);
        List<String> tokens = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        tokens.add("[CLS]");
        types.add(0);
        for (String t : ta) {
            tokens.add(t);
            types.add(0);
        }
        tokens.add("[SEP]");
        types.add(0);
        if (tb != null) {
            for (String t : tb) {
                tokens.add(t);
                types.add(1);
            }
            tokens.add("[SEP]");
            types.add(1);
        }
        int[] ids = new int[tokens.size()];
        int[] typeIds = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocab.getOrDefault(tokens.get(i), vocab.getOrDefault(unk, 0));
            typeIds[i] = types.get(i);
        }
        return new Encoding(ids, typeIds, List.copyOf(tokens));
    }

    /**
     * HF's LongestFirst truncation to maxLength including the special tokens: only the longer side
     * is cut while that suffices; otherwise both get half, the odd token going to the longer side
     * (to the second on a tie).
     */
    private void truncate(List<String> a, List<String> b) {
        if (b == null) {
            cut(a, maxLength - 2);
            return;
        }
        int max = maxLength - 3;
        if (a.size() + b.size() <= max) {
            return;
        }
        boolean swap = a.size() > b.size();
        int n1 = Math.min(a.size(), b.size());
        int n2 = n1 > max ? n1 : Math.max(n1, max - n1);
        if (n1 + n2 > max) {
            n1 = max / 2;
            n2 = n1 + max % 2;
        }
        cut(a, swap ? n2 : n1);
        cut(b, swap ? n1 : n2);
    }

    private static void cut(List<String> tokens, int length) {
        if (tokens.size() > Math.max(length, 0)) {
            tokens.subList(Math.max(length, 0), tokens.size()).clear();
        }
    }

    /** Added tokens kept whole; the text between them normalised, split into words, WordPiece'd. */
    List<String> wordPieces(String text) {
        List<String> out = new ArrayList<>();
        for (Piece raw : splitAdded(text, false)) {
            if (raw.token() != null) {
                out.add(raw.token());
                continue;
            }
            for (Piece p : splitAdded(normalize(raw.text()), true)) {
                if (p.token() != null) {
                    out.add(p.token());
                } else {
                    for (String word : preTokenize(p.text())) {
                        wordPiece(word, out);
                    }
                }
            }
        }
        return out;
    }

    /** Either plain text or one added token. */
    private record Piece(String text, String token) {}

    /** Splits around the leftmost-longest matches of the added tokens with the given normalized flag. */
    private List<Piece> splitAdded(String s, boolean normalized) {
        List<Piece> out = new ArrayList<>();
        int from = 0;   // start of pending plain text
        int i = 0;
        while (i < s.length()) {
            AddedToken best = null;
            for (AddedToken t : added) {
                if (t.normalized() == normalized && s.startsWith(t.content(), i)
                        && (best == null || t.content().length() > best.content().length())
                        && (!t.singleWord() || wordBoundary(s, i) && wordBoundary(s, i + t.content().length()))) {
                    best = t;
                }
            }
            if (best == null) {
                i++;
                continue;
            }
            int start = i;
            int end = i + best.content().length();
            if (best.lstrip()) {
                while (start > from && Character.isWhitespace(s.charAt(start - 1))) {
                    start--;
                }
            }
            if (best.rstrip()) {
                while (end < s.length() && Character.isWhitespace(s.charAt(end))) {
                    end++;
                }
            }
            if (start > from) {
                out.add(new Piece(s.substring(from, start), null));
            }
            out.add(new Piece(null, best.content()));
            from = end;
            i = end;
        }
        if (from < s.length()) {
            out.add(new Piece(s.substring(from), null));
        }
        return out;
    }

    private static boolean wordBoundary(String s, int at) {
        return at == 0 || at == s.length() || !isWordChar(s.codePointBefore(at)) || !isWordChar(s.codePointAt(at));
    }

    private static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_';
    }

    String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cleanText) {
                if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                    return;
                }
                if (isWhitespace(cp)) {
                    sb.append(' ');
                    return;
                }
            }
            if (chineseChars && isChinese(cp)) {
                sb.append(' ').appendCodePoint(cp).append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        String s = sb.toString();
        if (stripAccents) {
            String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
            StringBuilder kept = new StringBuilder(nfd.length());
            nfd.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                    .forEach(kept::appendCodePoint);
            s = kept.toString();
        }
        if (!lowercase) {
            return s;
        }
        // char by char as HF does: String.toLowerCase would turn a word-final Σ into ς
        StringBuilder lower = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> lower.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT)));
        return lower.toString();
    }

    /** Splits on whitespace (dropped) and punctuation (kept as single-character words). */
    static List<String> preTokenize(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (isWhitespace(cp)) {
                flush(words, cur);
            } else if (isPunctuation(cp)) {
                flush(words, cur);
                words.add(new String(Character.toChars(cp)));
            } else {
                cur.appendCodePoint(cp);
            }
        });
        flush(words, cur);
        return words;
    }

    private static void flush(List<String> words, StringBuilder cur) {
        if (cur.length() > 0) {
            words.add(cur.toString());
            cur.setLength(0);
        }
    }

    /** Greedy longest-match-first; a word with an unmatched piece becomes [UNK] as a whole. */
    private void wordPiece(String word, List<String> out) {
        int[] cps = word.codePoints().toArray();
        if (cps.length > maxCharsPerWord) {
            out.add(unk);
            return;
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < cps.length) {
            int end = cps.length;
            String match = null;
            while (start < end) {
                String sub = new String(cps, start, end - start);
                if (start > 0) {
                    sub = prefix + sub;
                }
                if (vocab.containsKey(sub)) {
                    match = sub;
                    break;
                }
                end--;
            }
            if (match == null) {
                out.add(unk);
                return;
            }
            pieces.add(match);
            start = end;
        }
        out.addAll(pieces);
    }

    private static boolean isWhitespace(int cp) {
        int t = Character.getType(cp);
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || t == Character.SPACE_SEPARATOR
                || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int t = Character.getType(cp);
        // Cc, Cf, Co, Cs as HF's is_other; its Cn table is empty (built from UnicodeData.txt, which
        // lists no unassigned code points), so unassigned characters are kept and become [UNK]
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.PRIVATE_USE
                || t == Character.SURROGATE;
    }

    private static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isChinese(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B820 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    private static String str(JsonObject o, String key, String dflt) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : dflt;
    }

    private static boolean bool(JsonObject o, String key, boolean dflt) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsBoolean() : dflt;
    }
}
