package fr.socle.testkit.payfip;

import java.time.Instant;
import java.util.Optional;

/** One operation (idOp) and its mutable result. Guarded by its own monitor. */
final class Operation {
  final String idOp;
  final String numcli;
  final String exer;
  final String refdet;
  final String objet;
  final long montant;
  final String mel;
  final String urlnotif;
  final String urlredirect;
  final String saisie;
  final Instant createdAt;

  private Outcome outcome;
  private Instant resultAt;
  private String numauto;
  private boolean opened;

  Operation(
      String idOp,
      String numcli,
      String exer,
      String refdet,
      String objet,
      long montant,
      String mel,
      String urlnotif,
      String urlredirect,
      String saisie,
      Instant createdAt) {
    this.idOp = idOp;
    this.numcli = numcli;
    this.exer = exer;
    this.refdet = refdet;
    this.objet = objet;
    this.montant = montant;
    this.mel = mel;
    this.urlnotif = urlnotif;
    this.urlredirect = urlredirect;
    this.saisie = saisie;
    this.createdAt = createdAt;
  }

  synchronized void markOpened() {
    opened = true;
  }

  synchronized boolean opened() {
    return opened;
  }

  synchronized Optional<Outcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  synchronized Optional<Instant> resultAt() {
    return Optional.ofNullable(resultAt);
  }

  synchronized Optional<String> numauto() {
    return Optional.ofNullable(numauto);
  }

  /** A final result (anything but an abandonment) closes the operation for good. */
  synchronized boolean closed() {
    return outcome != null && outcome != Outcome.ABANDONED;
  }

  synchronized void record(Outcome chosen, Instant at, String authorisation) {
    this.outcome = chosen;
    this.resultAt = at;
    this.numauto = authorisation;
  }

  synchronized SimulatedOperation snapshot() {
    return new SimulatedOperation(
        idOp,
        numcli,
        exer,
        refdet,
        Optional.ofNullable(objet),
        montant,
        mel,
        urlnotif,
        urlredirect,
        saisie,
        createdAt,
        outcome == null ? Optional.empty() : outcome.resultrans(),
        Optional.ofNullable(resultAt));
  }
}
