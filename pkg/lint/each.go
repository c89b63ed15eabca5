package lint

import "sync"

// Each runs do on every item with up to jobs at once and hands the results
// to emit one at a time, in the order of items, as soon as each is ready
// and everything before it has been emitted. At most a bounded number of
// finished results wait for emission, so memory does not grow with the
// number of items.
func Each[I, T any](items []I, jobs int, do func(I) T, emit func(T)) {
	if jobs < 1 {
		jobs = 1
	}
	// window bounds how far workers run ahead of the emitter: at most
	// that many items are out and not yet emitted, so item i can take the
	// slot of item i-len(slots), emitted already (a slot per item would
	// hold memory for every item until the end).
	window := make(chan struct{}, jobs*4)
	slots := make([]chan T, min(len(items), cap(window)))
	for i := range slots {
		slots[i] = make(chan T, 1)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				slots[i%len(slots)] <- do(items[i])
			}
		}()
	}
	go func() {
		defer close(next)
		// Every item is handed out even after ctx is cancelled, so the
		// emitter is never left waiting; do sees the cancelled context and
		// returns fast.
		for i := range items {
			window <- struct{}{}
			next <- i
		}
	}()
	for i := range items {
		emit(<-slots[i%len(slots)])
		<-window
	}
	wg.Wait()
}
