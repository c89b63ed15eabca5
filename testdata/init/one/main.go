// Command hello serves a greeting.
package main

import (
	"fmt"
	"net/http"

	"github.com/google/uuid"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello %s\n", uuid.NewString())
	})
	http.ListenAndServe(":8080", nil)
}
