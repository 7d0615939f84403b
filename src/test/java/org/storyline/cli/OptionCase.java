package org.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.api.SoftAssertions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.storyline.config.JobConfig;

/**
 * One option of {@code storyline run} shown to change what it governs: {@code observe} runs the stage function(s)
 * the pipeline calls on a tiny fixture with a config parsed by {@link RunOptions}, once with the defaults and once
 * with {@code args}; each result is compared with the value worked out by hand.
 *
 * @param option the option's name ({@code --shingle-size}), as {@code storyline run --help} lists it
 * @param base the arguments of both runs ({@code --input in --output out} unless a case needs a real input)
 * @param args the arguments given on top of {@code base} in the second run
 * @param observe what the option governs, as a value with a stable order (sorted lists, exact numbers)
 * @param byDefault the observed value with the defaults
 * @param withOption the observed value with {@code args}
 */
public record OptionCase(String option, List<String> base, List<String> args, Function<JobConfig, Object> observe,
    Object byDefault, Object withOption) {
  private static final Map<List<Object>, Object> DEFAULTS = new ConcurrentHashMap<>();

  public static OptionCase of(String option, Function<JobConfig, Object> observe, Object byDefault,
      Object withOption, String... args) {
    return new OptionCase(option, List.of("--input", "in", "--output", "out"), List.of(args), observe, byDefault,
        withOption);
  }

  /** The same case with other arguments common to both runs (a real {@code --input}, say). */
  public OptionCase withBase(String... base) {
    return new OptionCase(option, List.of(base), args, observe, byDefault, withOption);
  }

  /** Both runs match the hand-worked values, and those differ: the option changed the output. */
  public void check() {
    assertThat(byDefault).as("%s: the case must expect a change", this).isNotEqualTo(withOption);
    // Cases of one fixture share the run with the defaults (each Spark job counts on a 2-core machine).
    Object defaults = DEFAULTS.computeIfAbsent(List.of(observe, base),
        k -> observe.apply(RunOptions.parseExactly(base.toArray(String[]::new))));
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(defaults).as("%s: output with the defaults", option).isEqualTo(byDefault);
    List<String> all = new java.util.ArrayList<>(base);
    all.addAll(args);
    Object changed = observe.apply(RunOptions.parseExactly(all.toArray(String[]::new)));
    soft.assertThat(changed).as("%s: output with %s", option, String.join(" ", args)).isEqualTo(withOption);
    soft.assertAll();
  }

  @Override
  public String toString() {
    return String.join(" ", args);
  }
}
