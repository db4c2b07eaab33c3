package io.ferrymq.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifyRecordsTest {

    @Test
    void writesSpreadOverKeysRoundRobinAndReadBackAsTheyWereWritten() {
        assertThat(VerifyRecords.key(17, 4)).isEqualTo("k1");
        assertThat(VerifyRecords.keySeq(17, 4)).isEqualTo(4);
        assertThat(VerifyRecords.value(17, 4)).isEqualTo("17:4");

        assertThat(VerifyRecords.parse(2, 40, "k1", "17:4")).contains(new History.Read(2, 40, 17, "k1", 4));
    }

    @Test
    void recordsNotInVerifysShapeAreNotOurs() {
        assertThat(VerifyRecords.parse(0, 0, null, "1:0")).isEqualTo(Optional.empty());
        assertThat(VerifyRecords.parse(0, 0, "k0", null)).isEmpty();
        assertThat(VerifyRecords.parse(0, 0, "k0", "hello")).isEmpty();
        assertThat(VerifyRecords.parse(0, 0, "k0", ":3")).isEmpty();
        assertThat(VerifyRecords.parse(0, 0, "k0", "x:3")).isEmpty();
    }
}
