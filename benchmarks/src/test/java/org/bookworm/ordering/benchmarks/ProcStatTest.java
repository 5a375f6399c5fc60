package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class ProcStatTest {
    @Test
    void cpu_is_utime_plus_stime_counted_after_the_name() {
        String stat = "4242 (java) S 1 4242 4242 0 -1 4194560 52000 0 3 0 1234 567 0 0 20 0 40 0 8000 3000000000 90000";

        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void a_name_with_spaces_and_parentheses_does_not_shift_the_fields() {
        String stat = "77 (we ird) (name)) R 1 77 77 0 -1 0 0 0 0 0 10 5 0 0 20 0 1 0 100 1000 10";

        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(15);
    }

    @Test
    void this_process_has_used_some_cpu_and_a_missing_one_answers_minus_one() {
        assertThat(ProcStat.cpuTicks(ProcessHandle.current().pid())).isPositive();
        assertThat(ProcStat.cpuTicks(Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void a_child_this_process_started_is_among_its_children() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(ProcStat.children(ProcessHandle.current().pid())).contains(child.pid());
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertThat(ProcStat.children(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void minor_faults_are_field_ten_read_with_the_cpu_and_a_missing_process_answers_minus_one() {
        String stat = "4242 (java) S 1 4242 4242 0 -1 4194560 52000 0 3 0 1234 567 0 0 20 0 40 0 8000 3000000000 90000";

        assertThat(ProcStat.field(stat, 10)).isEqualTo(52000);
        var mine = ProcStat.usage(ProcessHandle.current().pid());
        assertThat(mine.minorFaults()).isPositive();
        assertThat(mine.cpuTicks()).isPositive();
        assertThat(ProcStat.usage(Long.MAX_VALUE)).isEqualTo(new ProcStat.Usage(-1, -1));
    }

    @Test
    void a_field_before_the_state_or_past_the_end_is_refused() {
        String stat = "77 (x) R 1 77";

        assertThatThrownBy(() -> ProcStat.field(stat, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.field(stat, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ProcStat.field(stat, 5)).isEqualTo(77);
    }

    @Test
    void a_line_that_is_not_a_stat_line_is_refused() {
        assertThatThrownBy(() -> ProcStat.cpuTicks("hello")).isInstanceOf(IllegalArgumentException.class);
    }
}
