package io.ferrymq.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenFileLruTest {

    @Test
    void admittingWithinTheCapClosesNothing() {
        OpenFileLru<String> lru = new OpenFileLru<>(3);
        assertThat(lru.admit("a")).isEmpty();
        assertThat(lru.admit("b")).isEmpty();
        assertThat(lru.admit("c")).isEmpty();
        assertThat(lru.size()).isEqualTo(3);
    }

    @Test
    void admittingBeyondTheCapClosesTheLeastRecentlyUsed() {
        OpenFileLru<String> lru = new OpenFileLru<>(2);
        lru.admit("a");
        lru.admit("b");
        assertThat(lru.admit("c")).containsExactly("a");
        assertThat(lru.contains("a")).isFalse();
        assertThat(lru.size()).isEqualTo(2);
    }

    @Test
    void aTouchedFileOutlivesOlderUntouchedOnes() {
        OpenFileLru<String> lru = new OpenFileLru<>(2);
        lru.admit("a");
        lru.admit("b");
        assertThat(lru.touch("a")).isTrue();
        assertThat(lru.admit("c")).containsExactly("b");
        assertThat(lru.contains("a")).isTrue();
    }

    @Test
    void touchingAnUntrackedFileDoesNotTrackIt() {
        OpenFileLru<String> lru = new OpenFileLru<>(2);
        assertThat(lru.touch("x")).isFalse();
        assertThat(lru.size()).isZero();
    }

    @Test
    void aRemovedFileFreesItsPlace() {
        OpenFileLru<String> lru = new OpenFileLru<>(2);
        lru.admit("a");
        lru.admit("b");
        assertThat(lru.remove("a")).isTrue();
        assertThat(lru.remove("a")).isFalse();
        assertThat(lru.admit("c")).isEmpty();
        assertThat(lru.size()).isEqualTo(2);
    }

    @Test
    void readmittingATrackedFileMovesItToTheFrontWithoutDuplicating() {
        OpenFileLru<String> lru = new OpenFileLru<>(2);
        lru.admit("a");
        lru.admit("b");
        assertThat(lru.admit("a")).isEmpty();
        assertThat(lru.admit("c")).containsExactly("b");
    }

    @Test
    void aCapOfOneKeepsOnlyTheNewestAndNeverEvictsIt() {
        OpenFileLru<String> lru = new OpenFileLru<>(1);
        lru.admit("a");
        assertThat(lru.admit("b")).containsExactly("a");
        assertThat(lru.contains("b")).isTrue();
    }

    @Test
    void theCapMustBeAtLeastOne() {
        assertThatThrownBy(() -> new OpenFileLru<>(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
