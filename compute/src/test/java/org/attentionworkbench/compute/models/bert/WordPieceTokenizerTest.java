package org.attentionworkbench.compute.models.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our WordPiece tokenizer against the real HF tokenizers library (Rust, through DJL's JNI binding)
 * reading the same tokenizer.json. That file asks for Fixed(128) padding; our tokenizer never pads
 * (the views want the real tokens only), so the reference is built with padding off and its
 * truncation (longest first, 128) left as the file sets it.
 */
class WordPieceTokenizerTest {
    private static HuggingFaceTokenizer hf;
    private static WordPieceTokenizer ours;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = WordPieceTokenizerTest.class.getResourceAsStream(MiniLM.TOKENIZER_RESOURCE)) {
            hf = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false"));
        }
        ours = MiniLM.tokenizer();
    }

    @AfterAll
    static void close() {
        hf.close();
    }

    static Stream<Sentences.Input> inputs() {
        return Sentences.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void matchesHuggingFace(Sentences.Input in) {
        assertSame(in.a(), in.b());
    }

    @Test
    void referenceDoesNotPadAndTruncatesAt128() {
        assertEquals(128, hf.getMaxLength());
        assertEquals(128, ours.maxLength());
        assertEquals(4, hf.encode("Hi there").getIds().length);
    }

    @Test
    void truncatesALongTextLikeHuggingFace() {
        String text = "The quick brown fox jumps over the lazy dog, again and again. ".repeat(20);
        assertEquals(128, assertSame(text, null));
    }

    @Test
    void truncatesPairsLongestFirstLikeHuggingFace() {
        String lng = "one two three four five six seven eight nine ten ".repeat(15);
        String shrt = "a short second sentence";
        assertSame(lng, shrt);
        assertSame(shrt, lng);
        // equal lengths: which side loses the odd token is where implementations differ
        assertSame(lng, lng);
        assertSame(lng + "eleven", lng);
    }

    @Test
    void tokenStringsRoundTripThroughIds() {
        WordPieceTokenizer.Encoding e = ours.encode("Unbelievable tokenization!");
        for (int i = 0; i < e.length(); i++) {
            assertEquals(e.tokens().get(i), ours.token(e.ids()[i]));
        }
        assertTrue(e.tokens().contains("##ization"), e.tokens().toString());
    }

    /** Compares ids, type ids and token strings; returns the length. */
    private static int assertSame(String a, String b) {
        Encoding ref = b == null ? hf.encode(a) : hf.encode(a, b);
        WordPieceTokenizer.Encoding got = b == null ? ours.encode(a) : ours.encode(a, b);
        String label = "'" + a + "'" + (b == null ? "" : " + '" + b + "'");
        assertEquals(List.of(ref.getTokens()), got.tokens(), label);
        assertArrayEquals(Arrays.stream(ref.getIds()).mapToInt(Math::toIntExact).toArray(), got.ids(), label);
        assertArrayEquals(Arrays.stream(ref.getTypeIds()).mapToInt(Math::toIntExact).toArray(), got.typeIds(), label);
        return got.length();
    }
}
