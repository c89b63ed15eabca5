package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
)

// Hasher builds a Key from labelled parts. Each part is written with its
// label and length, so that no two different lists of parts give the same
// key ("ab"+"c" is not "a"+"bc").
type Hasher struct{ h hash.Hash }

// NewHasher starts a key.
func NewHasher() *Hasher { return &Hasher{h: sha256.New()} }

// Add writes one part.
func (h *Hasher) Add(label string, data []byte) *Hasher {
	var n [binary.MaxVarintLen64]byte
	h.h.Write(n[:binary.PutUvarint(n[:], uint64(len(label)))])
	h.h.Write([]byte(label))
	h.h.Write(n[:binary.PutUvarint(n[:], uint64(len(data)))])
	h.h.Write(data)
	return h
}

// AddString writes one part.
func (h *Hasher) AddString(label, s string) *Hasher { return h.Add(label, []byte(s)) }

// AddKey writes a key made before (the settings of a run into the key of
// each file).
func (h *Hasher) AddKey(label string, k Key) *Hasher { return h.Add(label, k[:]) }

// Key is the digest of the parts written so far.
func (h *Hasher) Key() Key {
	var k Key
	h.h.Sum(k[:0])
	return k
}
