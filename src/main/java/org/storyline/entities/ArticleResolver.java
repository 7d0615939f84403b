package org.storyline.entities;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Canonical names within one article, from its mentions in text order:
 *
 * <ol>
 *   <li>each mention's text is made a name ({@link Names#clean}: possessive, titles); junk is dropped (blocked
 *       names are dropped later, with the mentions resolved to them: {@link Entities#canonicalize});</li>
 *   <li>a name of the alias file is replaced by the user's entity (fixed: nothing later changes it);</li>
 *   <li>a mention whose words are a shorter run of the words of a person's full name in the same article
 *       ("Putin" in "Vladimir Putin", "Jinping" in "Xi Jinping", "Kim" and "Jong-un" in "Kim Jong-un", "Lula da
 *       Silva" in "Luiz Inacio Lula da Silva") becomes that person: the nearest full name before it, else the first
 *       after it. Names are compared folded, so "Kim Jong Un" and "Kim Jong-un" are one name. A name the model did
 *       not tag PERSON is resolved this way only if it is not a country ("Jordan" in a Michael Jordan story stays
 *       the country unless the model tagged it PERSON);</li>
 *   <li>a country name or variant not tagged PERSON becomes the country ({@link Countries}), type LOCATION
 *       (fixed).</li>
 * </ol>
 */
final class ArticleResolver {
  private ArticleResolver() {}

  /** How a mention's entity was fixed, if it was: by the alias file, or as a country. */
  static final String FIXED_USER = "user";
  static final String FIXED_COUNTRY = "country";

  /**
   * One mention with its in-article canonical name.
   *
   * @param mention the mention as recognized
   * @param ownName the mention's cleaned name (before resolution)
   * @param ownKey its folded key
   * @param name the in-article canonical name
   * @param key its folded key
   * @param type the in-article type
   * @param shortKey {@code ownKey} when the mention was resolved to a full name in the article, else null
   * @param fixed {@link #FIXED_USER}, {@link #FIXED_COUNTRY} or null
   */
  record Resolved(Mention mention, String ownName, String ownKey, String name, String key, EntityType type,
      String shortKey, String fixed) {}

  static List<Resolved> resolve(List<Mention> mentions, EntityRules rules) {
    List<Resolved> named = new ArrayList<>(mentions.size());
    for (Mention m : mentions) {
      String name = Names.clean(m.surface(), m.type());
      if (Names.isJunk(name)) {
        continue;
      }
      String key = Names.fold(name);
      Optional<EntityRules.UserEntity> user = rules.user(key);
      if (user.isPresent()) {
        EntityRules.UserEntity u = user.get();
        named.add(new Resolved(m, name, key, u.canonical(), Names.fold(u.canonical()), u.type(), null, FIXED_USER));
      } else {
        named.add(new Resolved(m, name, key, name, key, m.type(), null, null));
      }
    }

    // Full names of people: PERSON names of two words or more that are not part of a longer one in the article.
    List<Integer> full = new ArrayList<>();
    for (int i = 0; i < named.size(); i++) {
      Resolved r = named.get(i);
      if (r.type() == EntityType.PERSON && Names.words(r.key()).size() >= 2) {
        full.add(i);
      }
    }
    List<Integer> maximal = new ArrayList<>();
    for (int i : full) {
      List<String> words = Names.words(named.get(i).key());
      boolean inLonger = full.stream().anyMatch(j -> Names.isProperPart(words, Names.words(named.get(j).key())));
      if (!inLonger) {
        maximal.add(i);
      }
    }

    List<Resolved> out = new ArrayList<>(named.size());
    for (int i = 0; i < named.size(); i++) {
      Resolved r = named.get(i);
      if (r.fixed() != null) {
        out.add(r);
        continue;
      }
      Optional<String> country = Countries.lookup(r.ownKey());
      boolean personal = r.type() == EntityType.PERSON || country.isEmpty();
      int target = personal ? fullNameFor(i, named, maximal) : -1;
      if (target >= 0) {
        Resolved t = named.get(target);
        out.add(new Resolved(r.mention(), r.ownName(), r.ownKey(), t.name(), t.key(), EntityType.PERSON,
            r.ownKey(), null));
      } else if (country.isPresent() && r.type() != EntityType.PERSON) {
        out.add(new Resolved(r.mention(), r.ownName(), r.ownKey(), country.get(), Names.fold(country.get()),
            EntityType.LOCATION, null, FIXED_COUNTRY));
      } else {
        out.add(r);
      }
    }
    return out;
  }

  /** The index of the full name mention {@code i} is a short form of: nearest before, else first after; or -1. */
  private static int fullNameFor(int i, List<Resolved> named, List<Integer> maximal) {
    List<String> words = Names.words(named.get(i).ownKey());
    if (!Names.canBeShortForm(words)) {
      return -1;
    }
    int before = -1;
    int after = -1;
    for (int j : maximal) {
      if (!Names.isProperPart(words, Names.words(named.get(j).key()))) {
        continue;
      }
      if (j < i) {
        before = j;
      } else if (after < 0) {
        after = j;
      }
    }
    return before >= 0 ? before : after;
  }
}
