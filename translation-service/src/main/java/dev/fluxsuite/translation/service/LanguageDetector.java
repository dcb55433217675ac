package dev.fluxsuite.translation.service;

import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells a prompt's language from the scripts of its letters: any kana is Japanese, Hangul Korean, other Han
 * Chinese, Cyrillic Russian, and so on; Latin text is English unless the common short words of French,
 * Spanish, German, Italian or Portuguese outnumber the English ones. Mixed prompts count as their non-Latin
 * language, since that part needs translating.
 */
public final class LanguageDetector {

    /** No letters at all: digits and punctuation only. */
    public static final String UNDETERMINED = "und";

    private static final Map<UnicodeScript, String> SCRIPTS = Map.of(UnicodeScript.CYRILLIC, "ru",
            UnicodeScript.ARABIC, "ar", UnicodeScript.DEVANAGARI, "hi", UnicodeScript.THAI, "th",
            UnicodeScript.GREEK, "el", UnicodeScript.HEBREW, "he");

    /** In order of how widely prompts are written in them: on a tie the earlier language wins. */
    private static final Map<String, Set<String>> WORDS = orderedWords(
            "en", Set.of("the", "a", "an", "of", "and", "with", "in", "on", "at", "for", "to", "is", "by", "from", "under"),
            "es", Set.of("el", "la", "los", "las", "un", "una", "de", "del", "y", "con", "en", "sobre", "es", "al", "bajo"),
            "fr", Set.of("le", "la", "les", "un", "une", "des", "du", "de", "et", "avec", "dans", "sur", "est", "au", "aux"),
            "de", Set.of("der", "die", "das", "ein", "eine", "und", "mit", "im", "auf", "ist", "von", "dem", "den", "unter"),
            "it", Set.of("il", "lo", "la", "gli", "le", "un", "una", "di", "del", "e", "con", "nel", "sul", "della"),
            "pt", Set.of("o", "a", "os", "as", "um", "uma", "de", "do", "da", "e", "com", "em", "no", "na", "sob"));

    private LanguageDetector() {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Set<String>> orderedWords(Object... pairs) {
        Map<String, Set<String>> words = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            words.put((String) pairs[i], (Set<String>) pairs[i + 1]);
        }
        return words;
    }

    /** An ISO 639-1 code, or {@link #UNDETERMINED}. */
    public static String detect(String text) {
        Map<UnicodeScript, Integer> letters = new EnumMap<>(UnicodeScript.class);
        text.codePoints().filter(Character::isLetter)
                .forEach(cp -> letters.merge(UnicodeScript.of(cp), 1, Integer::sum));
        if (letters.containsKey(UnicodeScript.HIRAGANA) || letters.containsKey(UnicodeScript.KATAKANA)) {
            return "ja";
        }
        int hangul = letters.getOrDefault(UnicodeScript.HANGUL, 0);
        int han = letters.getOrDefault(UnicodeScript.HAN, 0);
        if (hangul > 0 && hangul >= han) {
            return "ko";
        }
        if (han > 0) {
            return "zh";
        }
        String other = null;
        int most = 0;
        for (Map.Entry<UnicodeScript, String> script : SCRIPTS.entrySet()) {
            int count = letters.getOrDefault(script.getKey(), 0);
            if (count > most) {
                most = count;
                other = script.getValue();
            }
        }
        if (other != null) {
            return other;
        }
        return letters.containsKey(UnicodeScript.LATIN) ? latin(text) : UNDETERMINED;
    }

    private static String latin(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
        String best = "en";
        int bestScore = score(words, "en");
        for (String language : WORDS.keySet()) {
            int score = score(words, language) + accents(text, language);
            if (score > bestScore) {
                best = language;
                bestScore = score;
            }
        }
        return best;
    }

    private static int score(String[] words, String language) {
        int score = 0;
        for (String word : words) {
            if (WORDS.get(language).contains(word)) {
                score++;
            }
        }
        return score;
    }

    /** Letters that only some Latin-script languages use. */
    private static int accents(String text, String language) {
        String marks = switch (language) {
            case "fr" -> "çèêëîïœû";
            case "es" -> "ñ¿¡";
            case "de" -> "äöüß";
            case "pt" -> "ãõç";
            case "it" -> "ìò";
            default -> "";
        };
        return (int) text.toLowerCase(Locale.ROOT).chars().filter(c -> marks.indexOf(c) >= 0).count();
    }
}
