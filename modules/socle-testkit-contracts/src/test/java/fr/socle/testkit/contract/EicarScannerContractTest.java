package fr.socle.testkit.contract;

import fr.socle.storage.spi.ContentScanner;

class EicarScannerContractTest extends ContentScannerContract {
  @Override
  protected ContentScanner scanner() {
    return new EicarScanner();
  }
}
