// playground-corpus: compiled
// log with Lshortfile: the interpreter's caller is its own source, so the
// playground runs this program compiled.
package main

import (
	"log"
	"os"
)

func main() {
	log.SetFlags(log.Lshortfile)
	log.SetOutput(os.Stdout)
	log.Println("starting")
	l := log.New(os.Stdout, "worker: ", log.Lmsgprefix|log.Lshortfile)
	l.Printf("job %d done", 7)
}
