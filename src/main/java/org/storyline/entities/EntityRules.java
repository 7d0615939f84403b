package org.storyline.entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.storyline.config.ConfigException;
import org.storyline.config.EntitiesConfig;
import org.storyline.io.CsvInput;

/**
 * The user's say over entities: the alias file ({@code alias,canonical,type[,external_id]}), which wins over
 * everything learned, and the block list (the user's, plus a short built-in one of words the model tags in wire
 * credit lines). Both are small files read once on the driver (any Hadoop file system) and broadcast. Names are
 * matched by folded key ({@link Names#fold}).
 */
public final class EntityRules implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One entry of the alias file: the entity a name stands for. */
  record UserEntity(String canonical, EntityType type, String externalId) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private static final String DEFAULT_BLOCKLIST = "default-blocklist.txt";

  private final Map<String, UserEntity> byKey;
  private final Set<String> blocked;

  private EntityRules(Map<String, UserEntity> byKey, Set<String> blocked) {
    this.byKey = Map.copyOf(byKey);
    this.blocked = Set.copyOf(blocked);
  }

  /** No alias file, no block list. */
  public static EntityRules none() {
    return new EntityRules(Map.of(), Set.of());
  }

  /** Reads the alias file and block list named in the config, if any. */
  public static EntityRules load(EntitiesConfig config, Configuration hadoop) {
    Map<String, UserEntity> aliases = config.aliasFile()
        .map(f -> parseAliases(read(f, hadoop, "--alias-file"), f)).orElse(Map.of());
    Set<String> blocked = new HashSet<>(parseBlocklist(defaultBlocklist()));
    config.blocklist().ifPresent(f -> blocked.addAll(parseBlocklist(read(f, hadoop, "--entity-blocklist"))));
    return new EntityRules(aliases, blocked);
  }

  /** The built-in block list (a resource next to this class), which {@link #load} always applies. */
  static String defaultBlocklist() {
    try (InputStream in = EntityRules.class.getResourceAsStream(DEFAULT_BLOCKLIST)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_BLOCKLIST + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rules from file contents, without the built-in block list (tests). */
  static EntityRules of(String aliasCsv, String blocklist) {
    return new EntityRules(aliasCsv == null ? Map.of() : parseAliases(aliasCsv, "aliases"),
        blocklist == null ? Set.of() : parseBlocklist(blocklist));
  }

  /** The user's entity for a folded name: an alias or a canonical name of the alias file. */
  Optional<UserEntity> user(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  boolean isBlocked(String key) {
    return blocked.contains(key);
  }

  /** The alias file by folded alias (canonical names included, mapping to themselves). */
  Map<String, UserEntity> userEntities() {
    return byKey;
  }

  Set<String> blockedKeys() {
    return blocked;
  }

  /**
   * Parses the alias CSV: an optional header ({@code alias,...}), {@code #} comments, blank lines; fields may be
   * double-quoted. Each canonical name also maps to itself. Contradictions (one alias, two entities; one entity,
   * two types or two external ids) are errors naming the line.
   */
  static Map<String, UserEntity> parseAliases(String csv, String source) {
    Map<String, UserEntity> byKey = new HashMap<>();
    Map<String, Integer> lineOf = new HashMap<>();
    Map<String, UserEntity> byCanonical = new HashMap<>();
    String[] lines = csv.split("\r?\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = CsvInput.splitLine(line, ',');
      if (n == firstContentLine(lines) && fields.get(0).strip().equalsIgnoreCase("alias")) {
        continue;
      }
      String where = String.format("--alias-file %s line %d", source, n + 1);
      if (fields.size() < 3 || fields.size() > 4) {
        throw new ConfigException(where + ": expected alias,canonical,type[,external_id], value: " + line);
      }
      String alias = fields.get(0).strip();
      String canonical = fields.get(1).strip();
      String typeLabel = fields.get(2).strip();
      String externalId = fields.size() == 4 && !fields.get(3).isBlank() ? fields.get(3).strip() : null;
      EntityType type = EntityType.parse(typeLabel).orElseThrow(() -> new ConfigException(
          where + ": type should be PERSON, ORGANIZATION, LOCATION or MISC, value: " + typeLabel));
      if (Names.fold(alias).isEmpty() || Names.fold(canonical).isEmpty()) {
        throw new ConfigException(where + ": alias and canonical name need letters or digits, value: " + line);
      }
      String canonicalKey = Names.fold(canonical);
      UserEntity entity = byCanonical.get(canonicalKey);
      if (entity == null) {
        entity = new UserEntity(canonical, type, externalId);
      } else if (entity.type() != type) {
        throw new ConfigException(String.format("%s: %s was given type %s before, value: %s", where, canonical,
            entity.type(), type));
      } else if (externalId != null && entity.externalId() != null && !externalId.equals(entity.externalId())) {
        throw new ConfigException(String.format("%s: %s was given external id %s before, value: %s", where,
            canonical, entity.externalId(), externalId));
      } else if (externalId != null && entity.externalId() == null) {
        entity = new UserEntity(entity.canonical(), type, externalId);
      }
      byCanonical.put(canonicalKey, entity);
      for (String key : List.of(Names.fold(alias), canonicalKey)) {
        UserEntity before = byKey.get(key);
        if (before != null && !Names.fold(before.canonical()).equals(canonicalKey)) {
          throw new ConfigException(String.format("%s: %s already stands for %s (line %d), value: %s", where,
              key.equals(canonicalKey) ? canonical : alias, before.canonical(), lineOf.get(key), canonical));
        }
        byKey.put(key, entity);
        lineOf.putIfAbsent(key, n + 1);
      }
    }
    // Entries seen before an external id or type was added for their canonical name get the final entity.
    byKey.replaceAll((key, e) -> byCanonical.get(Names.fold(e.canonical())));
    return byKey;
  }

  /** Folded names of a block list: one per line, {@code #} starts a comment. */
  static Set<String> parseBlocklist(String text) {
    Set<String> keys = new HashSet<>();
    for (String line : text.split("\r?\n")) {
      int hash = line.indexOf('#');
      String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
      String key = Names.fold(name);
      if (!key.isEmpty()) {
        keys.add(key);
      }
    }
    return keys;
  }

  private static int firstContentLine(String[] lines) {
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        return n;
      }
    }
    return -1;
  }

  private static String read(String file, Configuration hadoop, String option) {
    Path path = new Path(file);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      if (!fs.exists(path)) {
        throw new ConfigException(option + " file not found, value: " + file);
      }
      try (InputStream in = fs.open(path)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new ConfigException(option + " file cannot be read, value: " + file + " (" + e.getMessage() + ")", e);
    }
  }
}
