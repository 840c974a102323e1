/** JSON reading and writing with safe defaults: {@link fr.socle.core.json.Json}. */
package fr.socle.core.json;
