graph [
  node [ id 0 name "AAA" label "A[31ma" ]
]
