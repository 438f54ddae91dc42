package dev.guildhall.core.voice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The simplified E-model against G.107's R → MOS curve and its impairment terms. */
class EModelTest {

    @Test
    void rToMosMatchesKnownPointsOfG107AnnexB() {
        assertThat(EModel.mosFromR(93.2)).isCloseTo(4.409, within(0.001)); // G.107 default R
        assertThat(EModel.mosFromR(90)).isCloseTo(4.339, within(0.001));
        assertThat(EModel.mosFromR(80)).isCloseTo(4.024, within(0.001));
        assertThat(EModel.mosFromR(70)).isCloseTo(3.597, within(0.001));
        assertThat(EModel.mosFromR(60)).isCloseTo(3.100, within(0.001));
        assertThat(EModel.mosFromR(50)).isCloseTo(2.575, within(0.001));
        assertThat(EModel.mosFromR(100)).isCloseTo(4.5, within(1e-9));
        assertThat(EModel.mosFromR(120)).isEqualTo(4.5);
        assertThat(EModel.mosFromR(0)).isEqualTo(1.0);
        assertThat(EModel.mosFromR(-5)).isEqualTo(1.0);
    }

    @Test
    void mosIsMonotonicInR() {
        double previous = 0;
        for (double r = 0; r <= 100; r += 0.5) {
            double mos = EModel.mosFromR(r);
            assertThat(mos).isGreaterThanOrEqualTo(previous).isBetween(1.0, 4.5);
            previous = mos;
        }
    }

    @Test
    void delayImpairmentHasItsKneeAt177Ms() {
        assertThat(EModel.delayImpairment(0)).isZero();
        assertThat(EModel.delayImpairment(100)).isCloseTo(2.4, within(1e-9));
        assertThat(EModel.delayImpairment(177.3)).isCloseTo(4.2552, within(1e-9));
        assertThat(EModel.delayImpairment(300)).isCloseTo(0.024 * 300 + 0.11 * 122.7, within(1e-9));
    }

    @Test
    void lossImpairmentFollowsIeEffWithOpusRobustness() {
        assertThat(EModel.effectiveEquipmentImpairment(0)).isZero();
        assertThat(EModel.effectiveEquipmentImpairment(0.02)).isCloseTo(95 * 2 / 27.0, within(1e-9));
        assertThat(EModel.effectiveEquipmentImpairment(1)).isCloseTo(95 * 100 / 125.0, within(1e-9));
        assertThat(EModel.effectiveEquipmentImpairment(2)).as("ratio clamped").isCloseTo(76, within(1e-9));
    }

    @Test
    void cleanLocalCallScoresNearTheTopAndImpairmentLowersIt() {
        double clean = EModel.mos(1, 0.5, 0);
        assertThat(clean).isBetween(4.3, 4.41);
        double impaired = EModel.mos(80, 10, 0.02); // the accuracy test's impaired region
        assertThat(impaired).isLessThan(clean).isBetween(3.6, 4.2);
        assertThat(EModel.mos(600, 60, 0.2)).isLessThan(2.5);
    }
}
