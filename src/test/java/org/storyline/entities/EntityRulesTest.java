package org.storyline.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.config.ConfigException;
import org.storyline.config.ConfigOption;
import org.storyline.config.EntitiesConfig;
import org.storyline.config.Settings;

class EntityRulesTest {

  @Test
  void aliasFileWithHeaderQuotesCommentsAndExternalIds() {
    Map<String, EntityRules.UserEntity> aliases = EntityRules.parseAliases("""
        alias,canonical,type,external_id
        # people
        Putin,Vladimir Putin,PERSON,Q7747
        "Xi","Xi Jinping",PER,
        "Bank of America, N.A.",Bank of America,ORG,Q487907
        Vladimir Vladimirovich Putin,Vladimir Putin,PERSON
        """, "test.csv");
    assertThat(aliases.get("putin")).as("alias").isEqualTo(
        new EntityRules.UserEntity("Vladimir Putin", EntityType.PERSON, "Q7747"));
    assertThat(aliases.get("vladimir putin")).as("canonical maps to itself").isEqualTo(aliases.get("putin"));
    assertThat(aliases.get("vladimir vladimirovich putin")).as("second alias, external id kept")
        .isEqualTo(aliases.get("putin"));
    assertThat(aliases.get("xi")).as("quoted, short type, empty id").isEqualTo(
        new EntityRules.UserEntity("Xi Jinping", EntityType.PERSON, null));
    assertThat(aliases.get("bank of america na")).as("comma inside quotes").isEqualTo(
        new EntityRules.UserEntity("Bank of America", EntityType.ORGANIZATION, "Q487907"));
    assertThat(aliases).as("aliases and canonical names").hasSize(7);
  }

  @Test
  void contradictionsAndBadLinesAreConfigErrorsNamingTheLine() {
    assertThatThrownBy(() -> EntityRules.parseAliases("Kim,Kim Jong-un,PERSON\nKim,Kim Yo-jong,PERSON\n", "a.csv"))
        .as("one alias, two entities").isInstanceOf(ConfigException.class).hasMessageContaining("a.csv line 2")
        .hasMessageContaining("Kim Jong-un");
    assertThatThrownBy(() -> EntityRules.parseAliases("Fed,Federal Reserve,BANK\n", "b.csv"))
        .as("bad type").isInstanceOf(ConfigException.class).hasMessageContaining("value: BANK");
    assertThatThrownBy(() -> EntityRules.parseAliases("Fed,Federal Reserve\n", "c.csv"))
        .as("too few columns").isInstanceOf(ConfigException.class).hasMessageContaining("c.csv line 1");
    assertThatThrownBy(() -> EntityRules.parseAliases("A,Acme,ORG\nB,Acme,PERSON\n", "d.csv"))
        .as("two types").isInstanceOf(ConfigException.class).hasMessageContaining("type ORGANIZATION before");
  }

  @Test
  void blockListIsFoldedWithComments() {
    assertThat(EntityRules.parseBlocklist("# junk\nREUTERS  # the agency\n\nKim-Jong\n"))
        .as("folded names").containsExactlyInAnyOrder("reuters", "kim jong");
  }

  @Test
  void loadReadsBothFilesAndAddsTheBuiltInBlockList(@TempDir Path dir) throws Exception {
    Path aliases = Files.writeString(dir.resolve("aliases.csv"), "Fed,Federal Reserve,ORGANIZATION\n");
    Path blocked = Files.writeString(dir.resolve("blocked.txt"), "Monsoon\n");
    EntitiesConfig config = EntitiesConfig.from(Settings.defaults().with(Map.of(
        ConfigOption.ALIAS_FILE, aliases.toString(), ConfigOption.ENTITY_BLOCKLIST, blocked.toString())));
    EntityRules rules = EntityRules.load(config, new Configuration());
    assertThat(rules.user("fed")).as("alias").isPresent();
    assertThat(rules.isBlocked("monsoon")).as("user's block list").isTrue();
    assertThat(rules.isBlocked("editing")).as("built-in block list").isTrue();
    assertThat(EntityRules.none().isBlocked("editing")).as("none() is empty").isFalse();

    EntitiesConfig missing = EntitiesConfig.from(Settings.defaults().with(Map.of(
        ConfigOption.ALIAS_FILE, dir.resolve("nope.csv").toString())));
    assertThatThrownBy(() -> EntityRules.load(missing, new Configuration())).as("missing file")
        .isInstanceOf(ConfigException.class).hasMessageContaining("--alias-file");
  }
}
