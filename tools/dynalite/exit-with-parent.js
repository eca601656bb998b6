// Preloaded by src/test/java/dev/sdkauth/testing/Dynalite.java (node --require this file cli.js ...): ends this
// process when its standard input, a pipe from the JVM that started it, closes. The JVM closes it only by exiting,
// so dynalite goes with it even when the JVM is killed outright and no shutdown hook runs.
'use strict'
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
