package org.storyline.entities;

/**
 * One entity mention as the recognizer found it: the sentence it is in (0-based, in the article), its type, and its
 * span in the cleaned text ({@code surface} is {@code text.substring(begin, end)}).
 */
record Mention(int sentence, EntityType type, String surface, int begin, int end) {}
