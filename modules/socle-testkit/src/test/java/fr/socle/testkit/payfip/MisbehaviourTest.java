package fr.socle.testkit.payfip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MisbehaviourTest {

  @Test
  void factories_whenArgumentsOutOfRange_refuseThem() {
    assertThatThrownBy(() -> Misbehaviour.delayNotification(Duration.ZERO))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Misbehaviour.duplicateNotification(1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Misbehaviour.duplicateNotification(1001))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Misbehaviour.notificationParameter("id op"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Misbehaviour.slowSoap(Duration.ofMinutes(11)))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Misbehaviour.badGateway().times(0))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void times_whenUsedUp_disappearsFromTheActiveList() {
    MisbehaviourBoard board = new MisbehaviourBoard();
    board.add(Misbehaviour.badGateway().times(2));
    board.add(Misbehaviour.connectionReset());

    assertThat(board.take(Misbehaviour.Kind.BAD_GATEWAY)).isPresent();
    assertThat(board.take(Misbehaviour.Kind.BAD_GATEWAY)).isPresent();
    assertThat(board.take(Misbehaviour.Kind.BAD_GATEWAY)).isEmpty();
    assertThat(board.active())
        .extracting(Misbehaviour::kind)
        .containsExactly(Misbehaviour.Kind.CONNECTION_RESET);
    assertThat(board.take(Misbehaviour.Kind.CONNECTION_RESET)).isPresent();
    assertThat(board.take(Misbehaviour.Kind.CONNECTION_RESET)).isPresent();
  }

  @Test
  void toString_namesKindAndParameters() {
    assertThat(Misbehaviour.duplicateNotification(3).times(2).toString())
        .contains("DUPLICATE_NOTIFICATION", "copies=3", "times=2");
    assertThat(Misbehaviour.technicalFault(TechnicalFault.PROTOCOLAIRE).limit()).isEmpty();
  }
}
