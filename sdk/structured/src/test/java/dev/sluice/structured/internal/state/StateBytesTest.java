package dev.sluice.structured.internal.state;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** State keys are concatenated nested encodings: equal rows give equal bytes, prefixes scan. */
public class StateBytesTest {
  private static final Schema USER = DdlSchema.parse("user STRING, n BIGINT");
  private static final RowCoder CODER = RowCoder.of(USER);

  private static Row user(String name, long n) {
    return Row.withSchema(USER).addValues(name, n).build();
  }

  @Test
  public void componentsConcatenateAndDecode() {
    byte[] key =
        StateBytes.key(StatefulOperatorFn.DATA)
            .add(StringUtf8Coder.of(), "u1")
            .add(CODER, user("u1", 3))
            .bytes();
    assertThat(key[0], equalTo(StatefulOperatorFn.DATA));
    InputStream in = StateBytes.from(key, 1);
    assertThat(StateBytes.decode(StringUtf8Coder.of(), in), equalTo("u1"));
    assertThat(StateBytes.decode(CODER, in), equalTo(user("u1", 3)));
    byte[] prefix = StateBytes.key(StatefulOperatorFn.DATA).add(StringUtf8Coder.of(), "u1").bytes();
    assertThat(Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length), equalTo(true));
  }

  @Test
  public void equalRowsEncodeEqually() {
    assertThat(
        StateBytes.key((byte) 1).add(CODER, user("a", 1)).bytes(),
        equalTo(StateBytes.key((byte) 1).add(CODER, user("a", 1)).bytes()));
  }

  @Test
  public void bytesOfAnotherShapeAreNamedAsAnIncompatibleChange() {
    byte[] value = StateBytes.value().add(VarLongCoder.of(), 300L).bytes();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> StateBytes.decode(CODER, value, 0));
    assertThat(e.getMessage(), containsString("new checkpoint location"));
  }
}
