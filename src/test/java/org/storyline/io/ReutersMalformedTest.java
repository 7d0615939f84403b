package org.storyline.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Reuters SGML that cannot be read as stories becomes malformed_sgml rows, each saying why; the good stories around
 * them are read.
 */
class ReutersMalformedTest {
  private static String story(int id, String body) {
    return "<REUTERS TOPICS=\"NO\" NEWID=\"" + id + "\">\n<DATE> 3-MAR-1987 09:00:00.00</DATE>\n<TEXT>\n<TITLE>T" + id
        + "</TITLE>\n<BODY>" + body + "</BODY></TEXT>\n</REUTERS>\n";
  }

  private static List<String> reasons(List<Row> rows) {
    // Rows of RawRecords.SCHEMA without a schema attached: input_file, line_or_row, raw, fields, parse_error,
    // parse_detail.
    return rows.stream().map(r -> r.getLong(1) + " " + r.getString(4) + " " + r.getString(5)).toList();
  }

  @Test
  void unclosedStoriesAndStoriesWithoutNewidAreMalformedTheOthersAreRead() {
    String unclosedBeforeNext = "<REUTERS TOPICS=\"NO\" NEWID=\"2\">\n<TEXT><BODY>cut short</BODY></TEXT>\n";
    String noNewid = "<REUTERS TOPICS=\"NO\">\n<TEXT><BODY>no id</BODY></TEXT>\n</REUTERS>\n";
    String unclosedAtEnd = "<REUTERS TOPICS=\"NO\" NEWID=\"5\">\n<TEXT><BODY>the file ends";
    String sgml = story(1, "Good one.") + unclosedBeforeNext + noNewid + story(4, "Good too.") + unclosedAtEnd;
    List<Row> rows = ReutersSgml.records("f.sgm", sgml, null, 1 << 20);
    assertThat(reasons(rows)).as("one row per story, in order").containsExactly(
        "1 null null",
        "2 " + RawRecords.MALFORMED_SGML + " unclosed <REUTERS>: the next story begins before its </REUTERS>",
        "3 " + RawRecords.MALFORMED_SGML + " no NEWID",
        "4 null null",
        "5 " + RawRecords.MALFORMED_SGML + " unclosed <REUTERS>: the file ends before its </REUTERS>");
    assertThat(rows.get(1).getString(2)).as("the unclosed story's raw text, up to the next story")
        .isEqualTo(unclosedBeforeNext);
    assertThat(rows.get(4).getString(2)).as("the last one's raw text, to the end").isEqualTo(unclosedAtEnd);
  }

  @Test
  void aFileWithoutAnyStoryIsOneMalformedRow() {
    List<Row> rows = ReutersSgml.records("g.sgm", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\nnothing here\n", null,
        1 << 20);
    // 36 characters of DOCTYPE line and 13 of "nothing here\n".
    assertThat(reasons(rows)).as("one row").containsExactly(
        "1 " + RawRecords.MALFORMED_SGML + " no <REUTERS> story in the file (49 characters)");
  }
}
