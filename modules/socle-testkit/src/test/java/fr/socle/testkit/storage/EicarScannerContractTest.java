package fr.socle.testkit.storage;

import fr.socle.storage.spi.ContentScanner;

class EicarScannerContractTest extends ContentScannerContract {
  @Override
  protected ContentScanner scanner() {
    return new EicarScanner();
  }
}
