package dev.sdkauth;

/** Shortening for anything echoed into an error or a log line, so no input can make either unbounded. */
public final class Text {
    private Text() {
    }

    /** {@code text} on one line, cut to {@code max} characters with "..." when longer; null reads as empty. */
    public static String clip(String text, int max) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
    }
}
