package org.attentionworkbench.compute.models.bert;

import java.util.List;

/** Inputs the MiniLM fidelity tests share: one string, or a pair when {@code b} is non-null. */
final class Sentences {
    private Sentences() {}

    record Input(String name, String a, String b) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String LONG_WORD = "pneumonoultramicroscopicsilicovolcanoconiosis".repeat(3); // 135 chars

    static final List<Input> ALL = List.of(
            new Input("plain", "A man is playing a guitar.", null),
            new Input("accents", "Crème brûlée à la française, naïve café — Ångström & Dvořák in São Paulo.", null),
            new Input("numbers", "The price rose 12.5% to $1,234.56 on 2024-03-01 (about 3e-4 of GDP).", null),
            new Input("casing", "I LOVE New York; it's GREAT!!! McDonald's iPhone eBay ΟΔΥΣΣΕΥΣ İstanbul", null),
            new Input("cjk", "東京は日本の首都です。北京欢迎你！한국어 텍스트도 있어요", null),
            new Input("emoji", "Emoji 😀🎉 and symbols ☃ ™ © ∑ ∫ ← plus private \uE000 use and \u0378 unassigned", null),
            new Input("long word", "The word " + LONG_WORD + " is too long, unlike supercalifragilistic.", null),
            new Input("whitespace", "tabs\tand\nnewlines\r\n  and\u00A0no-break\u2003em space\u200Bzero\u200Cwidth"
                    + "\uFEFFbom\u2028line\u3000ideographic  \u0007bell\u0000nul\uFFFDrepl soft\u00ADhyphen", null),
            new Input("punctuation", "Wait... what?! (yes) [no] {maybe} <tag> \"quoted\" `back` ~a^b_c|d\\e/f @user #tag"
                    + " “smart” ‘quotes’ «guillemets» ¿qué? ¡sí!", null),
            new Input("scripts", "Привет, мир! Γειά σου κόσμε. مرحبا بالعالم. नमस्ते दुनिया. ＦＵＬＬ ｗｉｄｔｈ ﬁ ½ ²", null),
            new Input("special tokens", "Paris is the [MASK] of France [SEP] and [cls] is lowercase", null),
            new Input("pair", "How old are you?", "I am 6 years old, and my sister's 8½."));
}
